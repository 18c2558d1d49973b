// The generation_mode table of wan2.7 image-to-video, apart from its schema: the SDK exports it, and the schema is
// built only on first use.

/** The three wan2.7 image-to-video modes. */
export const GENERATION_MODES = ['first_frame', 'first_last_frame', 'video_continuation'] as const;
/** A wan2.7 image-to-video generation mode. */
export type GenerationMode = (typeof GENERATION_MODES)[number];

type Material = 'image_start' | 'image_end' | 'video_urls' | 'audio_urls';

/** Per mode: what it needs and what it refuses (the vendor's mode table). */
export const MODE_RULES: Record<GenerationMode, { required: Material[]; rejected: Material[]; hint: Partial<Record<Material, string>> }> = {
  first_frame: {
    required: ['image_start'],
    rejected: ['image_end', 'video_urls'],
    hint: { image_end: 'use first_last_frame', video_urls: 'use video_continuation' },
  },
  first_last_frame: {
    required: ['image_start', 'image_end'],
    rejected: ['video_urls'],
    hint: { video_urls: 'use video_continuation' },
  },
  video_continuation: {
    required: ['video_urls'],
    rejected: ['image_start', 'audio_urls'],
    hint: { image_start: 'use first_frame or first_last_frame', audio_urls: 'driving audio cannot be combined with video_urls' },
  },
};

/** The six material combinations the API accepts, and the mode each implies. */
const VALID_COMBINATIONS: [Material[], GenerationMode][] = [
  [['image_start'], 'first_frame'],
  [['image_start', 'audio_urls'], 'first_frame'],
  [['image_start', 'image_end'], 'first_last_frame'],
  [['image_start', 'image_end', 'audio_urls'], 'first_last_frame'],
  [['video_urls'], 'video_continuation'],
  [['video_urls', 'image_end'], 'video_continuation'],
];

const MATERIALS: Material[] = ['image_start', 'image_end', 'video_urls', 'audio_urls'];

/** The materials given, in {@link MATERIALS} order. */
export function materialsOf(data: Partial<Record<Material, unknown>>): Material[] {
  return MATERIALS.filter((m) => data[m] !== undefined);
}

/** The materials given, one bit each (in {@link MATERIALS} order): checked on every create, so without arrays. */
function materialBits(data: Partial<Record<Material, unknown>>): number {
  let bits = 0;
  for (let i = 0; i < MATERIALS.length; i++) if (data[MATERIALS[i]!] !== undefined) bits |= 1 << i;
  return bits;
}

const MODE_OF_BITS = new Map(
  VALID_COMBINATIONS.map(([set, mode]) => [set.reduce((bits, m) => bits | (1 << MATERIALS.indexOf(m)), 0), mode] as const),
);

/** The mode the materials imply, or `undefined` for a combination the API rejects. */
export function inferGenerationMode(data: Partial<Record<Material, unknown>>): GenerationMode | undefined {
  return MODE_OF_BITS.get(materialBits(data));
}
