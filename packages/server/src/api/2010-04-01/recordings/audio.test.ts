import assert from 'node:assert/strict';
import { test } from 'node:test';
import { audioStream, mp3Audio, wavAudio, type Audio } from './audio.ts';

/** The whole file, as the response would carry it. */
const bytesOf = (audio: Audio): Uint8Array<ArrayBuffer> => {
  const bytes = new Uint8Array(Buffer.concat([...audio.chunks()]));
  assert.equal(bytes.length, audio.length, 'length is the size of what is sent');
  return bytes;
};

const text = (bytes: Uint8Array, start: number, length: number) => Buffer.from(bytes.subarray(start, start + length)).toString('latin1');

test('a WAV file is 8 kHz 16-bit mono PCM as long as the recording', () => {
  const wav = bytesOf(wavAudio(2));
  const view = new DataView(wav.buffer);
  assert.equal(text(wav, 0, 4), 'RIFF');
  assert.equal(text(wav, 8, 8), 'WAVEfmt ');
  assert.equal(view.getUint32(4, true), wav.length - 8);
  assert.equal(view.getUint16(20, true), 1);
  assert.equal(view.getUint16(22, true), 1);
  assert.equal(view.getUint32(24, true), 8000);
  assert.equal(view.getUint16(34, true), 16);
  assert.equal(text(wav, 36, 4), 'data');
  assert.equal(view.getUint32(40, true), 2 * 8000 * 2);
  assert.equal(wav.length, 44 + 2 * 8000 * 2);
});

test('the WAV carries an audible tone, not silence', () => {
  const view = new DataView(bytesOf(wavAudio(1)).buffer);
  const peak = Math.max(...Array.from({ length: 100 }, (_, i) => Math.abs(view.getInt16(44 + i * 2, true))));
  assert.ok(peak > 5000, `peak ${peak}`);
});

test('audio lasts as long as the recording, however long: 548 s of WAV is 548 s of samples', () => {
  const wav = bytesOf(wavAudio(548));
  assert.equal(new DataView(wav.buffer).getUint32(40, true) / (8000 * 2), 548);
  assert.equal(wavAudio(14_400).length, 44 + 14_400 * 8000 * 2);
  assert.equal(bytesOf(wavAudio(0)).length, 44);
  const frames = bytesOf(mp3Audio(548)).length / 144;
  assert.ok(Math.abs(frames * (1152 / 32000) - 548) < 1152 / 32000);
});

test('the stream sends every byte, in order', async () => {
  const audio = wavAudio(3);
  const received: Uint8Array[] = [];
  for await (const chunk of audioStream(audio)) received.push(chunk);
  assert.deepEqual(new Uint8Array(Buffer.concat(received)), bytesOf(audio));
});

test('an MP3 file is a run of MPEG-1 Layer III frames covering the duration', () => {
  const mp3 = bytesOf(mp3Audio(1));
  assert.equal(mp3.length % 144, 0);
  const frames = mp3.length / 144;
  assert.equal(frames, Math.ceil(1 / (1152 / 32000)));
  for (let f = 0; f < frames; f++) assert.deepEqual([...mp3.subarray(f * 144, f * 144 + 4)], [0xff, 0xfb, 0x18, 0xc4]);
});
