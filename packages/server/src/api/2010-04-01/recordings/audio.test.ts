import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_AUDIO_SECONDS, mp3Audio, wavAudio } from './audio.ts';

const text = (bytes: Uint8Array, start: number, length: number) => Buffer.from(bytes.subarray(start, start + length)).toString('latin1');

test('a WAV file is 8 kHz 16-bit mono PCM as long as the recording', () => {
  const wav = wavAudio(2);
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
  const view = new DataView(wavAudio(1).buffer);
  const peak = Math.max(...Array.from({ length: 100 }, (_, i) => Math.abs(view.getInt16(44 + i * 2, true))));
  assert.ok(peak > 5000, `peak ${peak}`);
});

test('audio is capped at a few seconds however long the recording', () => {
  assert.equal(wavAudio(3600).length, wavAudio(MAX_AUDIO_SECONDS).length);
  assert.equal(mp3Audio(3600).length, mp3Audio(MAX_AUDIO_SECONDS).length);
  assert.equal(wavAudio(0).length, 44);
});

test('an MP3 file is a run of MPEG-1 Layer III frames covering the duration', () => {
  const mp3 = mp3Audio(1);
  assert.equal(mp3.length % 144, 0);
  const frames = mp3.length / 144;
  assert.equal(frames, Math.ceil(1 / (1152 / 32000)));
  for (let f = 0; f < frames; f++) assert.deepEqual([...mp3.subarray(f * 144, f * 144 + 4)], [0xff, 0xfb, 0x18, 0xc4]);
});
