/**
 * Stand-in audio for simulated recordings, generated on request instead of stored, and exactly as long
 * as the recording's `duration`: a quiet tone as WAV (8 kHz, 16-bit mono PCM: Twilio's 128 kbps WAV) and
 * silence as MP3. One second of tone and one silent MP3 frame are computed once and repeated as the
 * response streams, so an hour-long recording costs no more memory than a short one.
 */
export interface Audio {
  /** The whole file's size in bytes, for Content-Length. */
  length: number;
  /** The file as it is sent: a header, then repeated blocks. */
  chunks(): Iterable<Uint8Array>;
}

const WAV_RATE = 8_000;
const TONE_HZ = 440;
const TONE_AMPLITUDE = 0.2 * 32_767;

// A whole number of tone cycles fits in one second, so seconds join without a click.
const TONE_SECOND = (() => {
  const bytes = new Uint8Array(WAV_RATE * 2);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < WAV_RATE; i++) view.setInt16(i * 2, Math.round(TONE_AMPLITUDE * Math.sin((2 * Math.PI * TONE_HZ * i) / WAV_RATE)), true);
  return bytes;
})();

// MPEG-1 Layer III, 32 kbps, 32 kHz, mono: 144-byte frames of 1152 samples. A frame whose side
// information and main data are all zero decodes as silence.
const MP3_FRAME_SECONDS = 1152 / 32_000;
const MP3_FRAME = (() => {
  const frame = new Uint8Array(144);
  frame.set([0xff, 0xfb, 0x18, 0xc4]);
  return frame;
})();

const seconds = (duration: number): number => Math.max(0, duration);

function wavHeader(dataBytes: number): Uint8Array {
  const bytes = new Uint8Array(44);
  const view = new DataView(bytes.buffer);
  const ascii = (offset: number, text: string) => [...text].forEach((ch, i) => view.setUint8(offset + i, ch.charCodeAt(0)));
  ascii(0, 'RIFF');
  view.setUint32(4, 36 + dataBytes, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true); // fmt chunk size
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 1, true); // mono
  view.setUint32(24, WAV_RATE, true);
  view.setUint32(28, WAV_RATE * 2, true); // bytes per second
  view.setUint16(32, 2, true); // block align
  view.setUint16(34, 16, true); // bits per sample
  ascii(36, 'data');
  view.setUint32(40, dataBytes, true);
  return bytes;
}

export function wavAudio(duration: number): Audio {
  const dataBytes = Math.round(seconds(duration) * WAV_RATE) * 2;
  return {
    length: 44 + dataBytes,
    *chunks() {
      yield wavHeader(dataBytes);
      for (let sent = 0; sent < dataBytes; sent += TONE_SECOND.length) yield TONE_SECOND.subarray(0, Math.min(TONE_SECOND.length, dataBytes - sent));
    },
  };
}

export function mp3Audio(duration: number): Audio {
  const frames = Math.ceil(seconds(duration) / MP3_FRAME_SECONDS);
  return {
    length: frames * MP3_FRAME.length,
    *chunks() {
      for (let f = 0; f < frames; f++) yield MP3_FRAME;
    },
  };
}

/** The audio as a response body, produced as the client reads it. */
export function audioStream(audio: Audio): ReadableStream<Uint8Array> {
  const chunks = audio.chunks()[Symbol.iterator]();
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
  });
}
