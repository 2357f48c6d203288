//! The canvas pass: the first thing the screen camera draws is the world camera's picture,
//! doubled, straight from the texture it was drawn into. One opaque copy over the screen: no
//! sprite, with its depth test and its blending over a cleared screen, and no copy of the
//! world into an image first. On a software renderer each full-screen layer is milliseconds.

use bevy::core_pipeline::blit::{BlitPipeline, BlitPipelineKey};
use bevy::core_pipeline::core_2d::main_opaque_pass_2d;
use bevy::core_pipeline::{Core2d, Core2dSystems};
use bevy::prelude::*;
use bevy::render::extract_component::{ExtractComponent, ExtractComponentPlugin};
use bevy::render::render_resource::{
    BindGroup, CachedRenderPipelineId, LoadOp, Operations, PipelineCache, RenderPassColorAttachment,
    RenderPassDescriptor, SpecializedRenderPipelines, StoreOp, TextureViewId,
};
use bevy::render::renderer::{RenderContext, ViewQuery};
use bevy::render::view::ViewTarget;
use bevy::render::{Render, RenderApp, RenderSystems};

/// On the world camera: the picture the canvas is laid from.
#[derive(Component, Clone, Copy, ExtractComponent)]
pub(crate) struct PaintsTheWorld;

/// On the screen camera while the world is shown: it begins each frame with the canvas.
#[derive(Component, Clone, Copy, ExtractComponent)]
pub(crate) struct LaysTheCanvas;

/// The copy's pipeline, for the screen's texture format.
#[derive(Component)]
struct CanvasPipeline(CachedRenderPipelineId);

fn prepare_canvas_pipeline(
    mut commands: Commands,
    pipeline_cache: Res<PipelineCache>,
    blit: Res<BlitPipeline>,
    mut pipelines: ResMut<SpecializedRenderPipelines<BlitPipeline>>,
    views: Query<(Entity, &ViewTarget), With<LaysTheCanvas>>,
) {
    for (view, target) in &views {
        // Opaque and square to the pixel: the blit's sampler is the nearest texel's.
        let key = BlitPipelineKey {
            target_format: target.main_texture_format(),
            blend_state: None,
            samples: 1,
            source_space: None,
        };
        commands.entity(view).insert(CanvasPipeline(pipelines.specialize(&pipeline_cache, &blit, key)));
    }
}

/// Clears the world camera's texture before the world is drawn into it. The world camera does
/// not clear it itself, nor copy it anywhere (`CameraOutputMode::Skip`): in Bevy 0.19 a camera
/// with no output of its own is drawn at all only if it does not clear, and the copy is a
/// layer of pixels the screen camera would only read again from the texture.
fn clear_the_world(view: ViewQuery<&ViewTarget, With<PaintsTheWorld>>, clear: Res<ClearColor>, mut ctx: RenderContext) {
    let target = view.into_inner();
    let _pass = ctx.command_encoder().begin_render_pass(&RenderPassDescriptor {
        label: Some("clear the world"),
        color_attachments: &[Some(RenderPassColorAttachment {
            view: target.main_texture_view(),
            depth_slice: None,
            resolve_target: None,
            ops: Operations { load: LoadOp::Clear(LinearRgba::from(clear.0).into()), store: StoreOp::Store },
        })],
        depth_stencil_attachment: None,
        timestamp_writes: None,
        occlusion_query_set: None,
        multiview_mask: None,
    });
}

/// Copies the world camera's picture over the whole screen before anything else is drawn on it.
fn lay_the_canvas(
    view: ViewQuery<(&ViewTarget, &CanvasPipeline), With<LaysTheCanvas>>,
    worlds: Query<&ViewTarget, With<PaintsTheWorld>>,
    pipeline_cache: Res<PipelineCache>,
    blit: Res<BlitPipeline>,
    mut cached: Local<Option<(TextureViewId, BindGroup)>>,
    mut ctx: RenderContext,
) {
    let (target, pipeline) = view.into_inner();
    let (Ok(world), Some(pipeline)) = (worlds.single(), pipeline_cache.get_render_pipeline(pipeline.0)) else {
        return;
    };
    let source = world.main_texture_view();
    let bind_group = match &mut *cached {
        Some((id, group)) if *id == source.id() => group,
        slot => {
            let group = blit.create_bind_group(ctx.render_device(), source, &pipeline_cache);
            &slot.insert((source.id(), group)).1
        }
    };
    let mut pass = ctx.command_encoder().begin_render_pass(&RenderPassDescriptor {
        label: Some("canvas"),
        color_attachments: &[Some(target.get_color_attachment())],
        depth_stencil_attachment: None,
        timestamp_writes: None,
        occlusion_query_set: None,
        multiview_mask: None,
    });
    pass.set_pipeline(pipeline);
    pass.set_bind_group(0, bind_group, &[]);
    pass.draw(0..3, 0..1);
}

pub(crate) fn plugin(app: &mut App) {
    app.add_plugins((
        ExtractComponentPlugin::<PaintsTheWorld>::default(),
        ExtractComponentPlugin::<LaysTheCanvas>::default(),
    ));
    let Some(render_app) = app.get_sub_app_mut(RenderApp) else { return };
    render_app.add_systems(Render, prepare_canvas_pipeline.in_set(RenderSystems::Prepare));
    render_app.add_systems(
        Core2d,
        (clear_the_world, lay_the_canvas).in_set(Core2dSystems::MainPass).before(main_opaque_pass_2d),
    );
}
