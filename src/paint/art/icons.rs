//! The HUD's condition icons, each a shape of its own.

/// Pixels of a HUD condition icon.
pub const ICON: u32 = 12;

/// The conditions the HUD shows as icons. Each has its own shape, so that none is told from
/// another by colour alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Icon {
    /// A snowflake: cold, hypothermia.
    Cold,
    /// A sun: heat exhaustion, heatstroke, sunburn.
    Heat,
    /// A drop: thirst.
    Thirst,
    /// A foot: frostbite, blisters.
    Feet,
    /// "Z": exhausted.
    Tired,
    /// A bowl: hungry.
    Hungry,
    /// A crossed eye: has lost sight of the group.
    Straying,
    /// A broken heart: has given up.
    GivenUp,
    /// A boot with its sole gone: boots worn thin or through.
    WornBoots,
    /// A torn coat: clothes in rags.
    Rags,
}

impl Icon {
    pub const ALL: [Icon; 10] = [
        Icon::Cold,
        Icon::Heat,
        Icon::Thirst,
        Icon::Feet,
        Icon::Tired,
        Icon::Hungry,
        Icon::Straying,
        Icon::GivenUp,
        Icon::WornBoots,
        Icon::Rags,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Icon::Cold => "cold",
            Icon::Heat => "heat, sunburn",
            Icon::Thirst => "thirst",
            Icon::Feet => "frostbite, blisters",
            Icon::Tired => "exhausted",
            Icon::Hungry => "hungry",
            Icon::Straying => "lost sight of the group",
            Icon::GivenUp => "given up",
            Icon::WornBoots => "boots worn",
            Icon::Rags => "clothes in rags",
        }
    }

    fn mask(self) -> [&'static str; 12] {
        match self {
            Icon::Cold => [
                ".....#......",
                "...#.#.#....",
                "....###.....",
                ".#...#...#..",
                "..#..#..#...",
                "#####.#####.",
                "..#..#..#...",
                ".#...#...#..",
                "....###.....",
                "...#.#.#....",
                ".....#......",
                "............",
            ],
            Icon::Heat => [
                ".....#......",
                ".#...#...#..",
                "..#.....#...",
                "....###.....",
                "...#####....",
                "##.#####.##.",
                "...#####....",
                "....###.....",
                "..#.....#...",
                ".#...#...#..",
                ".....#......",
                "............",
            ],
            Icon::Thirst => [
                ".....#......",
                ".....#......",
                "....###.....",
                "....###.....",
                "...#####....",
                "..#######...",
                "..##.####...",
                ".###.#####..",
                ".####.####..",
                "..#######...",
                "...#####....",
                "............",
            ],
            Icon::Feet => [
                "......##....",
                "....#.##.#..",
                "...#......#.",
                "....######..",
                "...#######..",
                "...#######..",
                "...######...",
                "....#####...",
                "....####....",
                "....####....",
                ".....##.....",
                "............",
            ],
            Icon::Tired => [
                "............",
                "#######.....",
                ".....#......",
                "....#..####.",
                "...#.....#..",
                "..#.....#...",
                ".#.....####.",
                "#######.....",
                "............",
                "............",
                "............",
                "............",
            ],
            Icon::Hungry => [
                "............",
                "............",
                "............",
                "............",
                "###########.",
                "###########.",
                ".#########..",
                "..#######...",
                "...#####....",
                "....###.....",
                "..#######...",
                "............",
            ],
            Icon::Straying => [
                "#..........#",
                ".#.......#..",
                "..#####.#...",
                ".##...##....",
                "#...##.#.#..",
                "#..#.##..#..",
                "#..##.#..#..",
                ".##.#..##...",
                "..#####..#..",
                ".#........#.",
                "#..........#",
                "............",
            ],
            Icon::GivenUp => [
                "............",
                ".##...##....",
                "####.####...",
                "#####.###...",
                "####.####...",
                ".####.##....",
                "..##.###....",
                "...#.##.....",
                "....##......",
                "....#.......",
                "............",
                "............",
            ],
            Icon::WornBoots => [
                "...#####....",
                "...#####....",
                "...#####....",
                "...#####....",
                "...##.##....",
                "...######...",
                "...#######..",
                "..#########.",
                "..####..###.",
                "..#.#.#..##.",
                "............",
                "............",
            ],
            Icon::Rags => [
                "..##...##...",
                ".####.####..",
                "###########.",
                "#.#######.#.",
                "#.#######.#.",
                "..###.###...",
                "..#######...",
                "..##.####...",
                "..#######...",
                "..#.#.#.#...",
                "............",
                "............",
            ],
        }
    }

    fn colour(self) -> [u8; 3] {
        // Okabe and Ito's palette, told apart by most colour-blind eyes; the shapes do the rest.
        match self {
            Icon::Cold => [86, 180, 233],
            Icon::Heat => [230, 159, 0],
            Icon::Thirst => [0, 114, 178],
            Icon::Feet => [204, 121, 167],
            Icon::Tired => [200, 200, 200],
            Icon::Hungry => [240, 228, 66],
            Icon::Straying => [255, 255, 255],
            Icon::GivenUp => [213, 94, 0],
            Icon::WornBoots => [0, 158, 115],
            Icon::Rags => [190, 170, 140],
        }
    }
}

/// The HUD's condition icons in a row, each with a dark outline so it reads on any ground.
pub fn icon_sheet() -> (u32, u32, Vec<u8>) {
    let n = Icon::ALL.len() as u32;
    let (w, h) = (ICON * n, ICON);
    let mut px = vec![0u8; (w * h * 4) as usize];
    for (i, icon) in Icon::ALL.iter().enumerate() {
        let mask = icon.mask();
        let on = |x: i32, y: i32| {
            (0..12).contains(&x) && (0..12).contains(&y) && mask[y as usize].as_bytes()[x as usize] == b'#'
        };
        for y in 0..12i32 {
            for x in 0..12i32 {
                let at = (((y as u32) * w + i as u32 * ICON + x as u32) * 4) as usize;
                let rgba = if on(x, y) {
                    let [r, g, b] = icon.colour();
                    [r, g, b, 255]
                } else if (-1..=1).any(|dy| (-1..=1).any(|dx| on(x + dx, y + dy))) {
                    [10, 10, 14, 220]
                } else {
                    [0, 0, 0, 0]
                };
                px[at..at + 4].copy_from_slice(&rgba);
            }
        }
    }
    (w, h, px)
}
