//! When the game fails: in the browser a panic would leave a frozen canvas, so the panic's
//! message is put on the page with what to do about it; `--crash-test` (`?crash-test` in the
//! browser) fails on purpose, for the test that checks this.

use bevy::prelude::*;

/// Fail on purpose a few seconds in (`--crash-test`).
#[derive(Resource, Debug, Clone, Copy)]
pub struct CrashTest;

fn crash_on_purpose(time: Res<Time>) {
    if time.elapsed_secs() > 3.0 {
        panic!("a crash asked for with --crash-test");
    }
}

/// Puts every panic's message on the page (then lets the hook before it log it as well). Set
/// at start-up, after Bevy's log plugin has set its own hook, which this one wraps.
#[cfg(target_arch = "wasm32")]
fn show_panics_on_the_page() {
    let before = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let text = format!(
            "The game stopped: {info}\n\nYour saved journey is kept in this browser; reload the page to go on \
             from it. To report this, copy this message into an issue on the game's repository."
        );
        if let Some(el) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("crash")) {
            el.set_text_content(Some(&text));
            let _ = el.remove_attribute("hidden");
        }
        before(info);
    }));
}

pub(crate) fn plugin(app: &mut App) {
    #[cfg(target_arch = "wasm32")]
    app.add_systems(Startup, show_panics_on_the_page);
    app.add_systems(Update, crash_on_purpose.run_if(resource_exists::<CrashTest>));
}
