//! The ground of a map chunk baked into one picture: each tile's ground, the soft edge spilled
//! over it from a neighbour, both shaded by the lie of the land, composed once on the CPU when
//! the chunk comes into view. One sprite draws a chunk: a single layer where a tilemap of
//! ground and edges drew two, on a renderer that pays for every layer's every pixel.

use std::sync::OnceLock;

use bevy::prelude::*;

use crate::paint::art::TILE;

/// A tile sheet in linear light, for mixing: red, green, blue, alpha per pixel, rows from the top.
pub struct Sheet {
    width: u32,
    px: Vec<[f32; 4]>,
}

/// The linear value of each 8-bit sRGB level (the sRGB transfer function, IEC 61966-2-1).
fn to_linear(v: u8) -> f32 {
    static TABLE: OnceLock<[f32; 256]> = OnceLock::new();
    TABLE.get_or_init(|| {
        std::array::from_fn(|i| {
            let c = i as f32 / 255.0;
            if c <= 0.04045 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
        })
    })[v as usize]
}

/// Steps of the table back to sRGB: fine enough that every 8-bit level is reached.
const BACK_STEPS: usize = 4096;

/// The 8-bit sRGB level of a linear value (clamped to 0..1).
fn to_srgb(v: f32) -> u8 {
    static TABLE: OnceLock<Vec<u8>> = OnceLock::new();
    let table = TABLE.get_or_init(|| {
        (0..BACK_STEPS)
            .map(|i| {
                let c = i as f32 / (BACK_STEPS - 1) as f32;
                let s = if c <= 0.003_130_8 { c * 12.92 } else { 1.055 * c.powf(1.0 / 2.4) - 0.055 };
                (s * 255.0).round() as u8
            })
            .collect()
    });
    table[(v.clamp(0.0, 1.0) * (BACK_STEPS - 1) as f32).round() as usize]
}

impl Sheet {
    /// A sheet from 8-bit sRGB RGBA rows (an image as loaded), `width` pixels across.
    pub fn from_srgba(width: u32, rgba: &[u8]) -> Sheet {
        let px = rgba
            .chunks_exact(4)
            .map(|p| [to_linear(p[0]), to_linear(p[1]), to_linear(p[2]), p[3] as f32 / 255.0])
            .collect();
        Sheet { width, px }
    }

    /// Pixel (`x`, `y`) of tile `index`, counting tiles left to right, top to bottom.
    fn at(&self, index: u32, x: u32, y: u32) -> [f32; 4] {
        let columns = (self.width / TILE).max(1);
        let (col, row) = (index % columns, index / columns);
        let i = ((row * TILE + y) * self.width + col * TILE + x) as usize;
        self.px.get(i).copied().unwrap_or([0.0; 4])
    }
}

/// The ground's sheet and the edges' sheet.
pub struct Sheets {
    pub terrain: Sheet,
    pub edges: Sheet,
}

/// What one tile shows: its ground's tile, the edge spilled over it (if any), and how the lie
/// of the land lights it (a factor on its colour, 1 on the flat).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TileLook {
    pub ground: u32,
    pub edge: Option<u32>,
    pub light: f32,
}

/// A chunk `size` tiles across and down as 8-bit sRGB RGBA, rows from the top (north), tile
/// (0, 0) in the bottom-left corner as on the map. Mixed in linear light, as the GPU blends.
pub fn bake(sheets: &Sheets, size: UVec2, look: impl Fn(u32, u32) -> TileLook) -> Vec<u8> {
    let (w, h) = (size.x * TILE, size.y * TILE);
    let mut out = vec![0u8; (w * h * 4) as usize];
    for ty in 0..size.y {
        for tx in 0..size.x {
            let tile = look(tx, ty);
            // The map's y runs north; the picture's rows run south.
            let top = (size.y - 1 - ty) * TILE;
            for y in 0..TILE {
                let row = ((top + y) * w + tx * TILE) as usize * 4;
                for x in 0..TILE {
                    let g = sheets.terrain.at(tile.ground, x, y);
                    let mut c = [g[0] * tile.light, g[1] * tile.light, g[2] * tile.light];
                    if let Some(edge) = tile.edge {
                        let e = sheets.edges.at(edge, x, y);
                        for (k, v) in c.iter_mut().enumerate() {
                            *v = e[k] * tile.light * e[3] + *v * (1.0 - e[3]);
                        }
                    }
                    let at = row + x as usize * 4;
                    out[at..at + 4].copy_from_slice(&[to_srgb(c[0]), to_srgb(c[1]), to_srgb(c[2]), 255]);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two 16-pixel tiles side by side: a grey one, and one red on its left half and clear on
    /// its right.
    fn sheets() -> Sheets {
        let (w, h) = (2 * TILE, TILE);
        let mut ground = vec![0u8; (w * h * 4) as usize];
        let mut edges = vec![0u8; (w * h * 4) as usize];
        for y in 0..h {
            for x in 0..w {
                let i = ((y * w + x) * 4) as usize;
                ground[i..i + 4].copy_from_slice(&[128, 128, 128, 255]);
                if (TILE..TILE + TILE / 2).contains(&x) {
                    edges[i..i + 4].copy_from_slice(&[255, 0, 0, 255]);
                }
            }
        }
        Sheets { terrain: Sheet::from_srgba(w, &ground), edges: Sheet::from_srgba(w, &edges) }
    }

    fn pixel(rgba: &[u8], width: u32, x: u32, y: u32) -> [u8; 4] {
        let i = ((y * width + x) * 4) as usize;
        [rgba[i], rgba[i + 1], rgba[i + 2], rgba[i + 3]]
    }

    #[test]
    fn srgb_levels_survive_the_trip_through_linear_light() {
        for v in 0..=255u8 {
            assert_eq!(to_srgb(to_linear(v)), v, "level {v}");
        }
        // The published midpoint: sRGB 50 % grey is about 21.4 % linear light.
        assert!((to_linear(128) - 0.2158).abs() < 1e-3);
    }

    #[test]
    fn a_flat_tile_is_its_sheet_pixel_and_a_lit_slope_is_brighter_in_linear_light() {
        let sheets = sheets();
        let flat = bake(&sheets, UVec2::ONE, |_, _| TileLook { ground: 0, edge: None, light: 1.0 });
        assert_eq!(pixel(&flat, TILE, 3, 3), [128, 128, 128, 255]);
        let lit = bake(&sheets, UVec2::ONE, |_, _| TileLook { ground: 0, edge: None, light: 1.28 });
        // 0.2158 × 1.28 = 0.276 linear: sRGB level 143, not 128 × 1.28 = 164.
        assert_eq!(pixel(&lit, TILE, 3, 3)[0], 143);
    }

    #[test]
    fn an_edge_covers_the_ground_where_it_is_painted_and_leaves_it_elsewhere() {
        let sheets = sheets();
        let baked = bake(&sheets, UVec2::ONE, |_, _| TileLook { ground: 0, edge: Some(1), light: 1.0 });
        assert_eq!(pixel(&baked, TILE, 2, 5), [255, 0, 0, 255]);
        assert_eq!(pixel(&baked, TILE, TILE - 2, 5), [128, 128, 128, 255]);
    }

    #[test]
    fn the_maps_first_row_is_the_pictures_last() {
        let sheets = sheets();
        // Two tiles high: the southern one (y 0) has the edge, the northern one not.
        let baked =
            bake(&sheets, UVec2::new(1, 2), |_, y| TileLook { ground: 0, edge: (y == 0).then_some(1), light: 1.0 });
        assert_eq!(pixel(&baked, TILE, 1, 2 * TILE - 1), [255, 0, 0, 255], "the bottom row is the south");
        assert_eq!(pixel(&baked, TILE, 1, 0), [128, 128, 128, 255], "the top row is the north");
    }
}
