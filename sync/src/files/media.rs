//! What a file is, and pictures made safe to share and cheap to show: the media type read from
//! the bytes (never trusted from the name), location and camera data taken out of photos
//! without re-encoding them, and decoding under limits (a picture that claims 100,000 x 100,000
//! pixels is refused before a byte is allocated for it).
//!
//! Pure functions on bytes, run off the async threads by their callers.

use std::io::Cursor;

use causeway_core::view::is_inline;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};
use img_parts::{Bytes, ImageEXIF};

/// The widest or tallest picture decoded, in pixels.
pub const MAX_DECODE_SIDE: u32 = 12_000;
/// The most bytes one decoded picture may take (its pixels).
pub const MAX_DECODE_BYTES: u64 = 200 * 1024 * 1024;
/// The longest side of a thumbnail, in pixels.
pub const THUMB_SIDE: u32 = 480;

/// Why a picture cannot be shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotShown {
    /// Its bytes are not a picture of a type Causeway shows, or are damaged or cut short.
    Damaged,
    /// It is larger than Causeway decodes.
    TooLarge,
}

/// A file as it will be shared.
#[derive(Debug, Clone)]
pub struct Prepared {
    /// The bytes to share (a photo's without its location and camera data).
    pub bytes: Vec<u8>,
    /// Its media type, read from the bytes for pictures.
    pub media: String,
    /// For a picture: its size as shown (rotated as its camera said) and its thumbnail.
    pub picture: Option<Picture>,
}

/// What a picture shows at.
#[derive(Debug, Clone)]
pub struct Picture {
    /// Width, as shown.
    pub width: u32,
    /// Height, as shown.
    pub height: u32,
    /// A JPEG (PNG where it has transparency) of at most [`THUMB_SIDE`] pixels a side.
    pub thumb: Vec<u8>,
}

/// Decoded pixels, ready for a texture.
#[derive(Debug, Clone)]
pub struct Pixels {
    /// Width.
    pub width: u32,
    /// Height.
    pub height: u32,
    /// RGBA, row by row.
    pub rgba: Vec<u8>,
}

/// The type of a picture Causeway shows inline, from its first bytes.
pub fn picture_type(bytes: &[u8]) -> Option<&'static str> {
    Some(match image::guess_format(bytes).ok()? {
        ImageFormat::Png => "image/png",
        ImageFormat::Jpeg => "image/jpeg",
        ImageFormat::WebP => "image/webp",
        ImageFormat::Gif => "image/gif",
        _ => return None,
    })
}

/// The media type of a file named `name` with these bytes: what the bytes are for a picture,
/// otherwise what the name says (`application/octet-stream` when it says nothing). A file
/// named `.jpg` that is not a JPEG is a file, not a picture.
pub fn media_type(name: &str, bytes: &[u8]) -> String {
    if let Some(t) = picture_type(bytes) {
        return t.to_owned();
    }
    let guessed = mime_guess::from_path(name)
        .first_raw()
        .unwrap_or("application/octet-stream");
    if is_inline(guessed) {
        // The name claims a picture the bytes are not.
        "application/octet-stream".to_owned()
    } else {
        guessed.to_owned()
    }
}

/// Makes a file ready to share: a picture loses its location and camera data (EXIF, XMP,
/// comments; only the rotation it must be shown at is kept) and gets a thumbnail; another file
/// is shared as it is. A picture that cannot be decoded is shared as a file.
pub fn prepare(name: &str, bytes: Vec<u8>) -> Prepared {
    let media = media_type(name, &bytes);
    if !is_inline(&media) {
        return Prepared {
            bytes,
            media,
            picture: None,
        };
    }
    let bytes = strip_metadata(&media, bytes);
    match thumbnail(&bytes) {
        Ok((width, height, thumb)) => Prepared {
            bytes,
            media,
            picture: Some(Picture {
                width,
                height,
                thumb,
            }),
        },
        Err(_) => Prepared {
            bytes,
            media: "application/octet-stream".to_owned(),
            picture: None,
        },
    }
}

/// The Orientation tag (1 to 8) of an EXIF block, if it has one.
fn orientation_of(exif: &[u8]) -> Option<u16> {
    let parsed = exif::Reader::new().read_raw(exif.to_vec()).ok()?;
    let field = parsed.get_field(exif::Tag::Orientation, exif::In::PRIMARY)?;
    let n = field.value.get_uint(0)?;
    u16::try_from(n).ok().filter(|n| (1..=8).contains(n))
}

/// An EXIF block that holds only an orientation (big-endian TIFF, one entry).
fn only_orientation(o: u16) -> Bytes {
    let [hi, lo] = o.to_be_bytes();
    Bytes::from(vec![
        b'M', b'M', 0, 42, 0, 0, 0, 8, // TIFF header, first IFD at 8
        0, 1, // one entry
        0x01, 0x12, 0, 3, 0, 0, 0, 1, hi, lo, 0, 0, // Orientation, SHORT, 1, value
        0, 0, 0, 0, // no next IFD
    ])
}

/// The EXIF to keep of `exif`: its orientation alone, when it is not the usual one.
fn kept_exif(exif: Option<Bytes>) -> Option<Bytes> {
    exif.and_then(|e| orientation_of(&e))
        .filter(|o| *o != 1)
        .map(only_orientation)
}

/// `bytes` without location, camera, author or time data. Bytes that do not parse are kept as
/// they are (they will not decode either, and are then shared as a file).
pub fn strip_metadata(media: &str, bytes: Vec<u8>) -> Vec<u8> {
    let b = Bytes::from(bytes);
    let stripped = match media {
        "image/jpeg" => img_parts::jpeg::Jpeg::from_bytes(b.clone())
            .ok()
            .map(|mut j| {
                let keep = kept_exif(j.exif());
                // APP1 holds EXIF and XMP, APP13 IPTC (Photoshop); COM is a free comment.
                for marker in [
                    img_parts::jpeg::markers::APP1,
                    img_parts::jpeg::markers::APP13,
                    img_parts::jpeg::markers::COM,
                ] {
                    j.remove_segments_by_marker(marker);
                }
                j.set_exif(keep);
                j.encoder().bytes()
            }),
        "image/png" => img_parts::png::Png::from_bytes(b.clone())
            .ok()
            .map(|mut p| {
                let keep = kept_exif(p.exif());
                // eXIf is EXIF; XMP lives in iTXt; tEXt and zTXt carry authors, places,
                // comments; tIME when it was changed.
                for kind in [*b"eXIf", *b"iTXt", *b"tEXt", *b"zTXt", *b"tIME"] {
                    p.remove_chunks_by_type(kind);
                }
                p.set_exif(keep);
                p.encoder().bytes()
            }),
        "image/webp" => img_parts::webp::WebP::from_bytes(b.clone())
            .ok()
            .map(|mut w| {
                let keep = kept_exif(w.exif());
                w.remove_chunks_by_id(img_parts::webp::CHUNK_XMP);
                w.set_exif(keep);
                w.encoder().bytes()
            }),
        _ => None,
    };
    stripped.unwrap_or(b).to_vec()
}

/// A decoder for `bytes` under Causeway's limits, with the picture's rotation.
fn decoder(
    bytes: &[u8],
) -> Result<(impl ImageDecoder + '_, image::metadata::Orientation), NotShown> {
    if picture_type(bytes).is_none() {
        return Err(NotShown::Damaged);
    }
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|_| NotShown::Damaged)?;
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_DECODE_SIDE);
    limits.max_image_height = Some(MAX_DECODE_SIDE);
    limits.max_alloc = Some(MAX_DECODE_BYTES);
    reader.limits(limits);
    let mut d = reader.into_decoder().map_err(|e| match e {
        image::ImageError::Limits(_) => NotShown::TooLarge,
        _ => NotShown::Damaged,
    })?;
    if d.total_bytes() > MAX_DECODE_BYTES {
        return Err(NotShown::TooLarge);
    }
    let orientation = d
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    Ok((d, orientation))
}

/// `bytes` decoded and turned as their camera said.
fn decode(bytes: &[u8]) -> Result<DynamicImage, NotShown> {
    let (d, orientation) = decoder(bytes)?;
    let mut img = DynamicImage::from_decoder(d).map_err(|e| match e {
        image::ImageError::Limits(_) => NotShown::TooLarge,
        _ => NotShown::Damaged,
    })?;
    img.apply_orientation(orientation);
    Ok(img)
}

/// A picture's size as shown and its thumbnail's bytes.
pub fn thumbnail(bytes: &[u8]) -> Result<(u32, u32, Vec<u8>), NotShown> {
    let img = decode(bytes)?;
    let (w, h) = (img.width(), img.height());
    let small = if w > THUMB_SIDE || h > THUMB_SIDE {
        img.thumbnail(THUMB_SIDE, THUMB_SIDE)
    } else {
        img
    };
    let mut out = Cursor::new(Vec::new());
    if small.color().has_alpha() {
        small
            .write_to(&mut out, ImageFormat::Png)
            .map_err(|_| NotShown::Damaged)?;
    } else {
        let rgb = small.to_rgb8();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 80)
            .encode_image(&rgb)
            .map_err(|_| NotShown::Damaged)?;
    }
    Ok((w, h, out.into_inner()))
}

/// `bytes` decoded for the screen: turned as their camera said, at most `max_side` pixels a
/// side.
pub fn pixels(bytes: &[u8], max_side: u32) -> Result<Pixels, NotShown> {
    let mut img = decode(bytes)?;
    if img.width() > max_side || img.height() > max_side {
        img = img.thumbnail(max_side, max_side);
    }
    let rgba = img.to_rgba8();
    Ok(Pixels {
        width: rgba.width(),
        height: rgba.height(),
        rgba: rgba.into_raw(),
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
pub(crate) mod tests {
    use super::*;

    /// A JPEG photo `w` x `h` with EXIF that says where and with what it was taken, and an
    /// orientation of 6 (turned a quarter).
    pub(crate) fn photo_with_gps(w: u32, h: u32) -> Vec<u8> {
        let img = image::RgbImage::from_fn(w, h, |x, y| {
            image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])
        });
        let mut jpeg = Cursor::new(Vec::new());
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 85)
            .encode_image(&img)
            .unwrap();
        let mut j = img_parts::jpeg::Jpeg::from_bytes(Bytes::from(jpeg.into_inner())).unwrap();
        j.set_exif(Some(Bytes::from(gps_exif())));
        j.encoder().bytes().to_vec()
    }

    /// An EXIF block (little-endian TIFF) with Make, Orientation 6 and a GPS IFD.
    fn gps_exif() -> Vec<u8> {
        use exif::experimental::Writer;
        use exif::{Field, In, Rational, Tag, Value};
        let make = Field {
            tag: Tag::Make,
            ifd_num: In::PRIMARY,
            value: Value::Ascii(vec![b"Phonemaker".to_vec()]),
        };
        let orientation = Field {
            tag: Tag::Orientation,
            ifd_num: In::PRIMARY,
            value: Value::Short(vec![6]),
        };
        let lat = Field {
            tag: Tag::GPSLatitude,
            ifd_num: In::PRIMARY,
            value: Value::Rational(vec![
                Rational { num: 45, denom: 1 },
                Rational { num: 45, denom: 1 },
                Rational { num: 0, denom: 1 },
            ]),
        };
        let lat_ref = Field {
            tag: Tag::GPSLatitudeRef,
            ifd_num: In::PRIMARY,
            value: Value::Ascii(vec![b"N".to_vec()]),
        };
        let mut w = Writer::new();
        w.push_field(&make);
        w.push_field(&orientation);
        w.push_field(&lat);
        w.push_field(&lat_ref);
        let mut out = Cursor::new(Vec::new());
        w.write(&mut out, true).unwrap();
        out.into_inner()
    }

    /// The EXIF fields of a JPEG, read back by an independent parser.
    pub(crate) fn exif_tags(jpeg: &[u8]) -> Vec<exif::Tag> {
        match exif::Reader::new().read_from_container(&mut Cursor::new(jpeg)) {
            Ok(e) => e.fields().map(|f| f.tag).collect(),
            Err(_) => Vec::new(),
        }
    }

    #[test]
    fn a_photos_location_and_camera_are_gone_and_its_rotation_stays() {
        let original = photo_with_gps(64, 32);
        let tags = exif_tags(&original);
        assert!(tags.contains(&exif::Tag::GPSLatitude), "{tags:?}");
        assert!(tags.contains(&exif::Tag::Make));
        let shared = prepare("river.jpg", original);
        assert_eq!(shared.media, "image/jpeg");
        let tags = exif_tags(&shared.bytes);
        assert_eq!(
            tags,
            vec![exif::Tag::Orientation],
            "only the rotation is left"
        );
        let p = shared.picture.unwrap();
        assert_eq!((p.width, p.height), (32, 64), "shown turned a quarter");
        assert_eq!(picture_type(&p.thumb), Some("image/jpeg"));
        // It still decodes.
        let px = pixels(&shared.bytes, 2048).unwrap();
        assert_eq!((px.width, px.height), (32, 64));
    }

    #[test]
    fn a_picture_bomb_is_refused_before_it_is_decoded() {
        // A PNG header claiming 100,000 x 100,000 pixels, with almost no data.
        let mut png = Vec::new();
        png.extend_from_slice(b"\x89PNG\r\n\x1a\n");
        let mut ihdr = Vec::new();
        ihdr.extend_from_slice(&100_000u32.to_be_bytes());
        ihdr.extend_from_slice(&100_000u32.to_be_bytes());
        ihdr.extend_from_slice(&[8, 6, 0, 0, 0]);
        png.extend_from_slice(&13u32.to_be_bytes());
        png.extend_from_slice(b"IHDR");
        png.extend_from_slice(&ihdr);
        let mut crc = crc32fast::Hasher::new();
        crc.update(b"IHDR");
        crc.update(&ihdr);
        png.extend_from_slice(&crc.finalize().to_be_bytes());
        png.extend_from_slice(&[0, 0, 0, 0]);
        png.extend_from_slice(b"IEND\xaeB`\x82");
        assert_eq!(pixels(&png, 2048).unwrap_err(), NotShown::TooLarge);
        let shared = prepare("bomb.png", png);
        assert!(shared.picture.is_none(), "shared as a file, never decoded");
        assert_eq!(shared.media, "application/octet-stream");
    }

    #[test]
    fn a_cut_jpeg_and_a_file_that_lies_about_its_type_are_not_pictures() {
        let photo = photo_with_gps(64, 64);
        let cut = &photo[..photo.len() / 3];
        assert!(pixels(cut, 2048).is_err());
        assert_eq!(
            media_type("notes.jpg", b"plain text, not a photo"),
            "application/octet-stream"
        );
        assert_eq!(media_type("petition.pdf", b"%PDF-1.7"), "application/pdf");
        assert_eq!(
            media_type("flyer.png", &photo),
            "image/jpeg",
            "the bytes decide"
        );
        assert!(pixels(b"GIF89a nothing", 64).is_err());
    }
}
