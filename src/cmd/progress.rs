//! The progress line of a build on stderr (indicatif): articles done, MB/s and the time left.
//! Shown only when stderr is a terminal and never with `--quiet`; warnings printed meanwhile go
//! above it.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressState, ProgressStyle};
use switchboard::input::Source;

pub(super) struct Progress {
    bar: ProgressBar,
    /// articles done
    done: Arc<AtomicUsize>,
}

impl Progress {
    /// `articles`: how many, when known (not for corpora). The bytes to read are added up on a
    /// thread of their own (a build that shows no progress asks no file its size); without them
    /// (gzipped files, standard input) the line shows no time left.
    pub(super) fn start(articles: Option<usize>, sources: &[Source], wanted: bool) -> Progress {
        let target = if wanted { ProgressDrawTarget::stderr_with_hz(5) } else { ProgressDrawTarget::hidden() };
        let bar = ProgressBar::with_draw_target(None, target);
        if bar.is_hidden() {
            return Progress { bar, done: Default::default() };
        }
        let done = Arc::new(AtomicUsize::new(0));
        let style = |left: &str| {
            let of = articles.map(|n| format!("/{n}")).unwrap_or_default();
            let d = done.clone();
            ProgressStyle::with_template(&format!(
                "extracting {{articles}}{of} articles, {{binary_bytes_per_sec}}{left}"
            ))
            .map(|s| {
                s.with_key("articles", move |_: &ProgressState, w: &mut dyn std::fmt::Write| {
                    let _ = write!(w, "{}", d.load(Relaxed));
                })
            })
            .unwrap_or_else(|_| ProgressStyle::default_spinner())
        };
        bar.set_style(style(""));
        let with_eta = style(", about {eta} left");
        bar.enable_steady_tick(Duration::from_millis(200));
        let (b, sources) = (bar.clone(), sources.to_vec());
        std::thread::spawn(move || {
            if let Some(total) = sources.iter().map(|s| s.size()).sum::<Option<u64>>() {
                b.set_length(total);
                b.set_style(with_eta);
            }
        });
        Progress { bar, done }
    }

    /// One more article of `bytes` bytes done (called from every extracting thread).
    pub(super) fn advance(&self, bytes: usize) {
        if self.bar.is_hidden() {
            return;
        }
        self.done.fetch_add(1, Relaxed);
        self.bar.inc(bytes as u64);
    }

    /// A line printed above the progress line (or on stderr when there is none).
    pub(super) fn println(&self, line: &str) {
        if self.bar.is_hidden() {
            eprintln!("{line}");
        } else {
            self.bar.suspend(|| eprintln!("{line}"));
        }
    }

    pub(super) fn finish(self) {
        self.bar.finish_and_clear();
    }
}
