//! Pictures for the window: decoded off its thread by the node (under Causeway's limits),
//! uploaded as textures a few per frame, and let go once they have been off screen for a
//! while, so memory follows what is in view, not what the feed holds.

use std::collections::HashMap;
use std::sync::mpsc;

use causeway_core::BlobHash;
use causeway_sync::control::BlockingNode;
use causeway_sync::{NotShown, Pixels};

/// How many pictures are decoded at once.
const DECODING: usize = 3;
/// How many decoded pictures become textures in one frame.
const UPLOADS_PER_FRAME: usize = 4;
/// A texture not drawn for this many frames is let go.
const KEEP_FRAMES: u64 = 120;
/// The most textures kept at once; the least recently drawn go first.
const MAX_TEXTURES: usize = 160;

/// What a picture is now.
pub(in crate::window) enum Shown {
    /// Ready to draw.
    Ready(egui::TextureHandle),
    /// Being decoded.
    Loading,
    /// It cannot be shown.
    Failed(NotShown),
}

enum Slot {
    Loading,
    Ready {
        texture: egui::TextureHandle,
        drawn: u64,
    },
    Failed(NotShown),
}

type Done = ((BlobHash, u32), Result<Pixels, NotShown>);

/// The window's pictures.
pub(in crate::window) struct Pictures {
    slots: HashMap<(BlobHash, u32), Slot>,
    tx: mpsc::Sender<Done>,
    rx: mpsc::Receiver<Done>,
    decoding: usize,
    frame: u64,
}

impl Default for Pictures {
    fn default() -> Self {
        let (tx, rx) = mpsc::channel();
        Self {
            slots: HashMap::new(),
            tx,
            rx,
            decoding: 0,
            frame: 0,
        }
    }
}

impl Pictures {
    /// At the start of a frame: takes what was decoded (a few uploads a frame, the rest the
    /// next frames) and lets go of what was not drawn for a while.
    pub(in crate::window) fn begin_frame(&mut self, ctx: &egui::Context) {
        self.frame += 1;
        let mut uploaded = 0;
        while uploaded < UPLOADS_PER_FRAME {
            let Ok((key, result)) = self.rx.try_recv() else {
                break;
            };
            self.decoding = self.decoding.saturating_sub(1);
            let slot = match result {
                Ok(px) => {
                    uploaded += 1;
                    let image = egui::ColorImage::from_rgba_unmultiplied(
                        [px.width as usize, px.height as usize],
                        &px.rgba,
                    );
                    let name = format!("picture-{}-{}", key.0.fmt_short(), key.1);
                    Slot::Ready {
                        texture: ctx.load_texture(name, image, egui::TextureOptions::LINEAR),
                        drawn: self.frame,
                    }
                }
                Err(why) => Slot::Failed(why),
            };
            self.slots.insert(key, slot);
        }
        if uploaded == UPLOADS_PER_FRAME {
            ctx.request_repaint();
        }
        let frame = self.frame;
        self.slots.retain(|_, s| match s {
            Slot::Ready { drawn, .. } => frame.saturating_sub(*drawn) <= KEEP_FRAMES,
            _ => true,
        });
        let ready = self
            .slots
            .values()
            .filter(|s| matches!(s, Slot::Ready { .. }))
            .count();
        if ready > MAX_TEXTURES {
            let mut by_age: Vec<((BlobHash, u32), u64)> = self
                .slots
                .iter()
                .filter_map(|(k, s)| match s {
                    Slot::Ready { drawn, .. } => Some((*k, *drawn)),
                    _ => None,
                })
                .collect();
            by_age.sort_by_key(|(_, d)| *d);
            for (k, _) in by_age.into_iter().take(ready - MAX_TEXTURES) {
                self.slots.remove(&k);
            }
        }
    }

    /// The picture `hash` (all here) at most `side` pixels a side: ready, or asked for.
    pub(in crate::window) fn get(
        &mut self,
        node: &BlockingNode,
        ctx: &egui::Context,
        hash: BlobHash,
        side: u32,
    ) -> Shown {
        let key = (hash, side);
        match self.slots.get_mut(&key) {
            Some(Slot::Ready { texture, drawn }) => {
                *drawn = self.frame;
                return Shown::Ready(texture.clone());
            }
            Some(Slot::Loading) => return Shown::Loading,
            Some(Slot::Failed(why)) => return Shown::Failed(why.clone()),
            None => {}
        }
        if self.decoding >= DECODING {
            // Asked again next frame.
            ctx.request_repaint_after(std::time::Duration::from_millis(50));
            return Shown::Loading;
        }
        self.decoding += 1;
        self.slots.insert(key, Slot::Loading);
        let (tx, ctx) = (self.tx.clone(), ctx.clone());
        node.picture(hash, side, move |result| {
            let _ = tx.send((key, result));
            ctx.request_repaint();
        });
        Shown::Loading
    }

    /// How many textures are held now.
    pub(in crate::window) fn textures(&self) -> usize {
        self.slots
            .values()
            .filter(|s| matches!(s, Slot::Ready { .. }))
            .count()
    }
}
