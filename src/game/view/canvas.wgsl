// The screen in one pass: the world's canvas (half the screen's size, so each of its pixels
// covers four) with the screen camera's sharp layer (names, HUD) laid over it.
#import bevy_core_pipeline::fullscreen_vertex_shader::FullscreenVertexOutput

@group(0) @binding(0) var world: texture_2d<f32>;
@group(0) @binding(1) var sharp: texture_2d<f32>;
@group(0) @binding(2) var nearest: sampler;

@fragment
fn fs_main(in: FullscreenVertexOutput) -> @location(0) vec4<f32> {
    let below = textureSample(world, nearest, in.uv);
    let above = textureSample(sharp, nearest, in.uv);
    // The sharp layer was drawn over clear black with alpha blending, so its colour is already
    // weighted by how much it covers: "over" is a sum.
    return vec4(above.rgb + below.rgb * (1.0 - above.a), 1.0);
}
