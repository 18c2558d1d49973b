// Flags derived from the model schemas, in-process: every model's parameters, their conversion, and messages.
import { describe, expect, it } from 'vitest';
import { GENERATION_OWN_FLAGS } from '../../src/cli/commands/generate.js';
import { withFlagNames } from '../../src/cli/flag-messages.js';
import { shellQuote } from '../../src/cli/format.js';
import { localMediaIn } from '../../src/cli/media-flags.js';
import { paramFlags, paramOptions, paramsFromFlags } from '../../src/cli/schema-flags.js';
import { MODEL_IDS, modelJsonSchema, modelsOfKind } from '../../src/models/registry.js';

describe('flags from the model schemas', () => {
  it('every parameter of every model is a flag, and none collides with a flag of the CLI itself', () => {
    for (const model of MODEL_IDS) {
      const fields = Object.keys((modelJsonSchema(model) as { properties: object }).properties).filter((f) => f !== 'model');
      const flags = paramFlags(model);
      expect(flags.map((f) => f.field)).toEqual(fields);
      for (const flag of flags) expect(GENERATION_OWN_FLAGS, `${model} ${flag.flag}`).not.toContain(flag.flag);
    }
  });

  it('converts by the chosen model: numbers, booleans, lists, JSON objects, -1 durations', () => {
    const models = modelsOfKind('text-to-video');
    const values = { prompt: 'p', duration: '-1', 'generate-audio': false, quality: '480p' };
    expect(paramsFromFlags('wan3.0-text-to-video', values, models)).toEqual({
      prompt: 'p',
      duration: -1,
      generate_audio: false,
      quality: '480p',
    });
    expect(paramsFromFlags('wan2.6-text-to-video', { 'model-params': '{"shot_type":"multi"}' }, models)).toEqual({
      model_params: { shot_type: 'multi' },
    });
    expect(paramsFromFlags('wan2.7-text-to-video', { 'audio-urls': ['a', 'b'] }, models)).toEqual({ audio_urls: ['a', 'b'] });
    expect(() => paramsFromFlags('wan2.7-text-to-video', { 'generate-audio': true }, models)).toThrow(
      '--generate-audio is not a parameter of wan2.7-text-to-video; it belongs to wan3.0-text-to-video (choose one with --model).',
    );
    expect(() => paramsFromFlags('wan2.6-text-to-video', { 'model-params': '{shot' }, models)).toThrow(/--model-params must be JSON/);
  });

  it('parses booleans as on/off flags and lists as repeatable flags', () => {
    const options = paramOptions(MODEL_IDS);
    expect(options['prompt-extend']).toEqual({ type: 'boolean' });
    expect(options['image-urls']).toEqual({ type: 'string', multiple: true });
    expect(options.duration).toEqual({ type: 'string' });
  });

  it('names flags instead of body fields in validation messages', () => {
    const fields = ['image_start', 'image_end', 'audio_urls', 'model_params', 'prompt', 'negative_prompt', 'model'];
    expect(withFlagNames('image_end is not accepted in first_frame mode; use first_last_frame', fields)).toBe(
      '--image-end is not accepted in first_frame mode; use first_last_frame',
    );
    expect(withFlagNames('audio_urls[0] must be an absolute http:// or https:// URL', fields)).toBe(
      '--audio-urls (value 1) must be an absolute http:// or https:// URL',
    );
    expect(withFlagNames('needs a prompt or reference material (model_params.file_url)', fields)).toBe(
      'needs a --prompt or reference material (--model-params (file_url))',
    );
    expect(withFlagNames('negative_prompt must be at most 500 characters', fields)).toBe(
      '--negative-prompt must be at most 500 characters',
    );
  });

  it('turns local paths in media fields (at any depth) into local media, and leaves URLs and other fields alone', () => {
    const { params, files } = localMediaIn(
      {
        prompt: './not-a-file.jpg',
        image_urls: ['https://example.com/a.jpg', 'b.png'],
        model_params: { voice_bindings: { 'Image 1': 'voice.mp3' } },
        callback_url: 'cb',
      },
      'wan2.7-reference-video',
      '/base',
    );
    expect(files).toEqual(['b.png', 'voice.mp3']);
    expect(params).toMatchObject({
      prompt: './not-a-file.jpg',
      image_urls: ['https://example.com/a.jpg', expect.anything()],
      callback_url: 'cb',
    });
    expect(params.image_urls).not.toEqual(['https://example.com/a.jpg', 'b.png']);
  });

  it('quotes words for a shell only when needed', () => {
    expect(shellQuote('task-unified-1-abc')).toBe('task-unified-1-abc');
    expect(shellQuote("my cat's video.mp4")).toBe(`'my cat'\\''s video.mp4'`);
  });
});
