//! World generation cost: a 256x256 and a 1024x1024 map of every biome.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use the_way_back::levels::Levels;
use the_way_back::sim::world::generate;

fn bench_generation(c: &mut Criterion) {
    let levels = Levels::builtin().expect("built-in levels");
    let mut seen = Vec::new();
    for level in &levels.stages {
        // One stage per biome: the two steppe stages generate alike.
        if seen.contains(&level.biome) {
            continue;
        }
        seen.push(level.biome);
        for side in [256u32, 1024] {
            let mut level = level.clone();
            level.size = (side, side);
            let mut group = c.benchmark_group(format!("generate/{:?}", level.biome));
            if side > 256 {
                group.sample_size(10);
            }
            group.bench_function(format!("{side}x{side}"), |b| {
                let mut seed = 0u64;
                b.iter(|| {
                    seed += 1;
                    black_box(generate(black_box(&level), seed))
                })
            });
            group.finish();
        }
    }
}

criterion_group!(benches, bench_generation);
criterion_main!(benches);
