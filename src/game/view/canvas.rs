//! The canvas pass: the screen is made in one pass from two pictures, the world camera's canvas
//! (half the screen's size) doubled, and the screen camera's sharp layer (names, HUD) over it.
//! Before, the canvas was copied over the screen camera's texture, the sharp layer drawn on it,
//! and the whole copied again to the window: on a software renderer each full-screen layer
//! is milliseconds, and this is one fewer.

use bevy::asset::{embedded_asset, load_embedded_asset};
use bevy::core_pipeline::core_2d::main_opaque_pass_2d;
use bevy::core_pipeline::{Core2d, Core2dSystems, FullscreenShader};
use bevy::prelude::*;
use bevy::render::diagnostic::RecordDiagnostics;
use bevy::render::extract_component::{ExtractComponent, ExtractComponentPlugin};
use bevy::render::render_resource::binding_types::{sampler, texture_2d};
use bevy::render::render_resource::{
    BindGroup, BindGroupEntries, BindGroupLayoutDescriptor, BindGroupLayoutEntries, CachedRenderPipelineId,
    ColorTargetState, ColorWrites, FragmentState, LoadOp, Operations, PipelineCache, RenderPassColorAttachment,
    RenderPassDescriptor, RenderPipelineDescriptor, Sampler, SamplerBindingType, SamplerDescriptor, ShaderStages,
    SpecializedRenderPipeline, SpecializedRenderPipelines, StoreOp, TextureFormat, TextureSampleType, TextureView,
    TextureViewId,
};
use bevy::render::renderer::{RenderContext, RenderDevice, ViewQuery};
use bevy::render::view::ViewTarget;
use bevy::render::{Render, RenderApp, RenderStartup, RenderSystems};
use bevy::shader::Shader;

/// On the world camera: the picture the canvas is laid from.
#[derive(Component, Clone, Copy, ExtractComponent)]
pub(crate) struct PaintsTheWorld;

/// On the screen camera while the world is shown: its own layer is drawn over clear, and laid
/// with the canvas under it on the window (its own copy to the window is off).
#[derive(Component, Clone, Copy, ExtractComponent)]
pub(crate) struct LaysTheCanvas;

/// On the camera that has Bevy give the window its picture and show it (`camera.rs`): the
/// canvas pass writes that picture after the camera's own (empty) work.
#[derive(Component, Clone, Copy, ExtractComponent)]
pub(crate) struct WritesTheWindow;

/// The pass's layout, sampler and shaders; one pipeline a window format.
#[derive(Resource)]
struct CanvasPipeline {
    layout: BindGroupLayoutDescriptor,
    sampler: Sampler,
    fullscreen: FullscreenShader,
    shader: Handle<Shader>,
}

impl SpecializedRenderPipeline for CanvasPipeline {
    type Key = TextureFormat;

    fn specialize(&self, format: TextureFormat) -> RenderPipelineDescriptor {
        RenderPipelineDescriptor {
            label: Some("canvas pipeline".into()),
            layout: vec![self.layout.clone()],
            vertex: self.fullscreen.to_vertex_state(),
            fragment: Some(FragmentState {
                shader: self.shader.clone(),
                // Opaque: the pass covers the window, nothing under it is kept.
                targets: vec![Some(ColorTargetState { format, blend: None, write_mask: ColorWrites::ALL })],
                ..default()
            }),
            ..default()
        }
    }
}

fn init_canvas_pipeline(
    mut commands: Commands,
    device: Res<RenderDevice>,
    fullscreen: Res<FullscreenShader>,
    assets: Res<AssetServer>,
) {
    let layout = BindGroupLayoutDescriptor::new(
        "canvas bind group layout",
        &BindGroupLayoutEntries::sequential(
            ShaderStages::FRAGMENT,
            (
                texture_2d(TextureSampleType::Float { filterable: false }),
                texture_2d(TextureSampleType::Float { filterable: false }),
                sampler(SamplerBindingType::NonFiltering),
            ),
        ),
    );
    commands.insert_resource(CanvasPipeline {
        layout,
        // The nearest texel: the world's pixels stay square when doubled.
        sampler: device.create_sampler(&SamplerDescriptor::default()),
        fullscreen: fullscreen.clone(),
        shader: load_embedded_asset!(assets.as_ref(), "canvas.wgsl"),
    });
}

/// The pipeline for the window's format, on the view.
#[derive(Component)]
struct CanvasPipelineId(CachedRenderPipelineId);

fn prepare_canvas_pipeline(
    mut commands: Commands,
    pipeline_cache: Res<PipelineCache>,
    canvas: Res<CanvasPipeline>,
    mut pipelines: ResMut<SpecializedRenderPipelines<CanvasPipeline>>,
    views: Query<(Entity, &ViewTarget), With<WritesTheWindow>>,
) {
    for (view, target) in &views {
        if let Some(format) = target.out_texture_view_format() {
            commands.entity(view).insert(CanvasPipelineId(pipelines.specialize(&pipeline_cache, &canvas, format)));
        }
    }
}

/// Clears a camera's own texture: neither camera clears it itself, for in Bevy 0.19 a camera
/// whose output is not copied anywhere by Bevy is drawn at all only if it does not clear
/// (`prepare_view_targets` in bevy_render's `view/mod.rs` gives a camera with no output and a
/// clear colour no texture, and skips it: "If we have no output and the camera is set to
/// clear, we can skip rendering entirely").
fn clear(ctx: &mut RenderContext, texture: &TextureView, colour: LinearRgba, label: &'static str) {
    let _pass = ctx.command_encoder().begin_render_pass(&RenderPassDescriptor {
        label: Some(label),
        color_attachments: &[Some(RenderPassColorAttachment {
            view: texture,
            depth_slice: None,
            resolve_target: None,
            ops: Operations { load: LoadOp::Clear(colour.into()), store: StoreOp::Store },
        })],
        depth_stencil_attachment: None,
        timestamp_writes: None,
        occlusion_query_set: None,
        multiview_mask: None,
    });
}

/// The world camera's texture, to the background colour, before the world is drawn into it.
fn clear_the_world(
    view: ViewQuery<&ViewTarget, With<PaintsTheWorld>>,
    colour: Res<ClearColor>,
    mut ctx: RenderContext,
) {
    clear(&mut ctx, view.into_inner().main_texture_view(), colour.0.into(), "clear the world");
}

/// The screen camera's texture, to nothing at all, before the names and the HUD are drawn on
/// it: what they leave clear shows the canvas.
fn clear_the_sharp_layer(view: ViewQuery<&ViewTarget, With<LaysTheCanvas>>, mut ctx: RenderContext) {
    clear(&mut ctx, view.into_inner().main_texture_view(), LinearRgba::NONE, "clear the sharp layer");
}

/// Writes the window: the canvas doubled, the sharp layer over it.
fn lay_the_canvas(
    view: ViewQuery<(&ViewTarget, &CanvasPipelineId), With<WritesTheWindow>>,
    worlds: Query<&ViewTarget, (With<PaintsTheWorld>, Without<WritesTheWindow>)>,
    screens: Query<&ViewTarget, (With<LaysTheCanvas>, Without<WritesTheWindow>)>,
    pipeline_cache: Res<PipelineCache>,
    canvas: Res<CanvasPipeline>,
    mut cached: Local<Option<((TextureViewId, TextureViewId), BindGroup)>>,
    mut ctx: RenderContext,
) {
    let (target, pipeline) = view.into_inner();
    let (Ok(world), Ok(screen), Some(pipeline)) =
        (worlds.single(), screens.single(), pipeline_cache.get_render_pipeline(pipeline.0))
    else {
        return;
    };
    let (below, above) = (world.main_texture_view(), screen.main_texture_view());
    let ids = (below.id(), above.id());
    let bind_group = match &mut *cached {
        Some((have, group)) if *have == ids => group,
        slot => {
            let group = ctx.render_device().create_bind_group(
                "canvas bind group",
                &pipeline_cache.get_bind_group_layout(&canvas.layout),
                &BindGroupEntries::sequential((below, above, &canvas.sampler)),
            );
            &slot.insert((ids, group)).1
        }
    };
    // Loaded, not cleared: every pixel of the window is written.
    let Some(window) = target.out_texture_color_attachment(None) else { return };
    // Timed with the other passes when the benchmark asks (`THE_WAY_BACK_BENCH_PASSES`).
    let diagnostics = ctx.diagnostic_recorder();
    let diagnostics = diagnostics.as_deref();
    let span = diagnostics.time_span(ctx.command_encoder(), "canvas");
    {
        let mut pass = ctx.command_encoder().begin_render_pass(&RenderPassDescriptor {
            label: Some("canvas"),
            color_attachments: &[Some(window)],
            depth_stencil_attachment: None,
            timestamp_writes: None,
            occlusion_query_set: None,
            multiview_mask: None,
        });
        pass.set_pipeline(pipeline);
        pass.set_bind_group(0, bind_group, &[]);
        pass.draw(0..3, 0..1);
    }
    span.end(ctx.command_encoder());
}

pub(crate) fn plugin(app: &mut App) {
    embedded_asset!(app, "canvas.wgsl");
    app.add_plugins((
        ExtractComponentPlugin::<PaintsTheWorld>::default(),
        ExtractComponentPlugin::<LaysTheCanvas>::default(),
        ExtractComponentPlugin::<WritesTheWindow>::default(),
    ));
    let Some(render_app) = app.get_sub_app_mut(RenderApp) else { return };
    render_app
        .init_resource::<SpecializedRenderPipelines<CanvasPipeline>>()
        .add_systems(RenderStartup, init_canvas_pipeline)
        .add_systems(Render, prepare_canvas_pipeline.in_set(RenderSystems::Prepare));
    render_app.add_systems(
        Core2d,
        (
            (clear_the_world, clear_the_sharp_layer).in_set(Core2dSystems::MainPass).before(main_opaque_pass_2d),
            // Last of the window camera's work: its copy of its (empty) pixel is overwritten.
            lay_the_canvas.after(bevy::core_pipeline::upscaling::upscaling),
        ),
    );
}
