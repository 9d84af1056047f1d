//! Peak memory on the bomb cases, with the default (production) limits. This file holds one
//! test on purpose: the process's high-water mark (VmHWM) then belongs to it alone.

use std::io::Write;

use counterpoint_core::fetch::FetchConfig;
use counterpoint_core::model::SourceKind;
use counterpoint_e2e::{Harness, Route};

fn peak_rss_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let line = status.lines().find(|l| l.starts_with("VmHWM:")).unwrap();
    let kib: f64 = line.split_whitespace().nth(1).unwrap().parse().unwrap();
    kib / 1024.0
}

#[test]
fn bombs_and_huge_bodies_keep_peak_memory_bounded() {
    let mut h = Harness::with_config(FetchConfig::default());
    let baseline = peak_rss_mib();
    // 100 MB of body streamed without a Content-Length.
    let huge = h.server.route(
        "/huge",
        Route::Stream {
            content_type: "application/rss+xml".into(),
            chunk: vec![b'x'; 64 * 1024],
            repeat: 1600,
        },
    );
    // 1 GiB of spaces gzip-compressed to about a megabyte.
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let block = vec![b' '; 1024 * 1024];
    for _ in 0..1024 {
        encoder.write_all(&block).unwrap();
    }
    let bomb = h.server.route(
        "/bomb",
        Route::Ok {
            content_type: "application/rss+xml".into(),
            body: encoder.finish().unwrap(),
            etag: None,
            extra_headers: vec![("Content-Encoding".into(), "gzip".into())],
        },
    );
    h.add(&huge, SourceKind::Other);
    h.add(&bomb, SourceKind::Other);
    let report = h.refresh();
    assert_eq!(report.errors(), 2, "{report:?}");
    for source in &report.sources {
        assert!(
            source
                .error
                .as_deref()
                .unwrap()
                .contains("larger than 15 MiB"),
            "{source:?}"
        );
    }
    let peak = peak_rss_mib();
    eprintln!("peak resident memory: {peak:.0} MiB (baseline {baseline:.0} MiB)");
    // The cap is 15 MiB per body; two bodies at once plus the process itself stay far below.
    assert!(
        peak - baseline < 120.0,
        "peak memory grew by {:.0} MiB",
        peak - baseline
    );
}
