/**
 * Stand-in audio for simulated recordings, generated instead of stored: a quiet tone as WAV (8 kHz,
 * 16-bit mono PCM: Twilio's 128 kbps WAV) and silence as MP3. At most MAX_AUDIO_SECONDS long.
 */
export const MAX_AUDIO_SECONDS = 5;

const WAV_RATE = 8_000;
const TONE_HZ = 440;
const TONE_AMPLITUDE = 0.2 * 32_767;

// MPEG-1 Layer III, 32 kbps, 32 kHz, mono: 144-byte frames of 1152 samples. A frame whose side
// information and main data are all zero decodes as silence.
const MP3_FRAME_BYTES = 144;
const MP3_FRAME_SECONDS = 1152 / 32_000;
const MP3_HEADER = [0xff, 0xfb, 0x18, 0xc4];

const clamp = (seconds: number): number => Math.max(0, Math.min(MAX_AUDIO_SECONDS, seconds));

export function wavAudio(seconds: number): Uint8Array<ArrayBuffer> {
  const samples = Math.round(clamp(seconds) * WAV_RATE);
  const bytes = new Uint8Array(44 + samples * 2);
  const view = new DataView(bytes.buffer);
  const ascii = (offset: number, text: string) => [...text].forEach((ch, i) => view.setUint8(offset + i, ch.charCodeAt(0)));
  ascii(0, 'RIFF');
  view.setUint32(4, 36 + samples * 2, true);
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
  view.setUint32(40, samples * 2, true);
  for (let i = 0; i < samples; i++) {
    view.setInt16(44 + i * 2, Math.round(TONE_AMPLITUDE * Math.sin((2 * Math.PI * TONE_HZ * i) / WAV_RATE)), true);
  }
  return bytes;
}

export function mp3Audio(seconds: number): Uint8Array<ArrayBuffer> {
  const frames = Math.ceil(clamp(seconds) / MP3_FRAME_SECONDS);
  const bytes = new Uint8Array(frames * MP3_FRAME_BYTES);
  for (let f = 0; f < frames; f++) bytes.set(MP3_HEADER, f * MP3_FRAME_BYTES);
  return bytes;
}
