// mapCallOptions on its own: the AI SDK's call options as one model's parameters, with no gateway.
import type { Experimental_VideoModelV4CallOptions as CallOptions } from '@ai-sdk/provider';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mapCallOptions } from '../../src/ai-sdk/call-options.js';

const base: CallOptions = {
  prompt: 'A cat playing piano',
  n: 1,
  aspectRatio: undefined,
  resolution: undefined,
  duration: undefined,
  fps: undefined,
  seed: undefined,
  image: undefined,
  frameImages: undefined,
  inputReferences: undefined,
  generateAudio: undefined,
  providerOptions: {},
};
const BYTES = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70]);

afterEach(() => vi.unstubAllGlobals());

describe('mapCallOptions', () => {
  it('decodes base64 file data to the same bytes as binary data (no Buffer: edge runtimes have none)', () => {
    const base64 = btoa(String.fromCharCode(...BYTES));
    vi.stubGlobal('Buffer', undefined);
    const { params } = mapCallOptions('wan2.7-image-to-video', { ...base, image: { type: 'file', mediaType: 'image/jpeg', data: base64 } });
    expect(params.image_start).toEqual(BYTES);
  });

  it('a prompt image beside a first_frame frame image: the frame image is used, and a warning says so', () => {
    const { params, warnings } = mapCallOptions('wan2.7-image-to-video', {
      ...base,
      image: { type: 'url', url: 'https://example.com/prompt.jpg' },
      frameImages: [{ frameType: 'first_frame', image: { type: 'url', url: 'https://example.com/first.jpg' } }],
    });
    expect(params.image_start).toBe('https://example.com/first.jpg');
    expect(warnings).toEqual([{ type: 'other', message: expect.stringContaining('the frame image was used') }]);
  });
});
