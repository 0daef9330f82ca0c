"""Sound files built in the test, without an encoder: WAV with the standard library's `wave`,
MP3 as frames of silence written byte by byte (a valid stream every decoder plays)."""

import io
import math
import struct
import wave
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile


def wav_bytes(seconds: float, *, rate: int = 8000) -> bytes:
    """A 440 Hz tone, mono, 8 bits a sample: `rate` bytes a second."""
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(1)
        out.setframerate(rate)
        out.writeframes(
            bytes(
                128 + int(100 * math.sin(2 * math.pi * 440 * n / rate))
                for n in range(int(seconds * rate))
            )
        )
    return buffer.getvalue()


# MPEG-1 Layer III, no CRC; 128 kbit/s, 44.1 kHz, no padding; mono.
MP3_HEADER = bytes([0xFF, 0xFB, 0x90, 0xC0])
MP3_FRAME = 144 * 128_000 // 44_100  # bytes, header included
MP3_FRAMES_PER_SECOND = 44_100 / 1152


def mp3_bytes(seconds: float) -> bytes:
    """Silence: each frame a header and zeros (side information with no bits of main data)."""
    frame = MP3_HEADER + bytes(MP3_FRAME - len(MP3_HEADER))
    return frame * round(seconds * MP3_FRAMES_PER_SECOND)


def png_bytes() -> bytes:
    """A 16×16 grey picture."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    rows = b"".join(b"\x00" + bytes(range(100, 116)) for _row in range(16))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 16, 16, 8, 0, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def upload(name: str, content: bytes, content_type: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)
