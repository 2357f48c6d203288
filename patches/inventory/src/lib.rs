//! A registry that is never read: `inventory`'s interface with nothing behind it.
//!
//! Bevy's crates ask for `bevy_reflect` with its default features, and those turn on
//! `auto_register_inventory`: every `#[derive(Reflect)]` then submits its type's registration
//! function to an `inventory` registry, from a static constructor. Only `bevy_app` with its
//! `reflect_auto_register` feature ever reads that registry (`App::default` →
//! `AppTypeRegistry::new_with_derived_types`), and this game leaves that feature off: it never
//! asks for a type by reflection. But a constructor is a root for the linker, so each of those
//! ~600 registration functions, and all the reflection and `erased_serde` code they reach, stayed
//! in every binary and in the browser's download, and ran at every start.
//!
//! Upstream knows (bevyengine/bevy#22721, "Make reflection optional"; #24561, "Modular
//! Reflection"); until a Bevy release lets an app turn it off, `[patch.crates-io]` in the game's
//! Cargo.toml puts this crate in `inventory`'s place. `submit!` keeps nothing, `collect!` only
//! marks the type, and `iter` is always empty — which is what the game's registry would hold
//! anyway, since nothing registers derived types.

#![no_std]

use core::marker::PhantomData;

/// The types `collect!` was called for: the bound `iter` asks of its element type.
pub trait Collect: 'static {}

/// Marks `$ty` as a type plugins could be submitted for.
#[macro_export]
macro_rules! collect {
    ($ty:ty) => {
        impl $crate::Collect for $ty {}
    };
}

/// Would enter a value into its type's registry; here it keeps nothing, so nothing it names is
/// linked in.
#[macro_export]
macro_rules! submit {
    ($($value:tt)*) => {};
}

/// The registry of `T`, as a value: `inventory::iter::<T>` (the variant below, brought into the
/// crate's root so that the path works as in `inventory`).
#[allow(non_camel_case_types)]
pub enum Registry<T> {
    /// The one value: the registry of `T`.
    iter,
    /// Carries `T`; never built.
    #[doc(hidden)]
    __Of(PhantomData<fn() -> T>, core::convert::Infallible),
}

pub use Registry::iter;

impl<T: Collect> IntoIterator for Registry<T> {
    type Item = &'static T;
    type IntoIter = core::iter::Empty<&'static T>;

    fn into_iter(self) -> Self::IntoIter {
        core::iter::empty()
    }
}

#[cfg(test)]
mod tests {
    struct Flag(&'static str);
    crate::collect!(Flag);
    crate::submit! { Flag("kept by the real crate, not by this one") }

    #[test]
    fn the_registry_is_empty() {
        let mut seen = 0;
        for flag in crate::iter::<Flag> {
            seen += flag.0.len();
        }
        assert_eq!(seen, 0);
    }
}
