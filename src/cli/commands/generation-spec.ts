import type { ModelKind } from '../../models/define-model.js';
import { MODEL_IDS, type ModelId, modelsOfKind } from '../../models/registry.js';

/** A generation command: its name, alias, the kind of model it runs and the client method that runs it. */
export interface GenerationSpec {
  name: string;
  alias: string | undefined;
  /** `undefined` for `generate`, which takes any model and needs `--model`. */
  kind: ModelKind | undefined;
  method: 'textToVideo' | 'imageToVideo' | 'referenceToVideo' | 'editVideo' | 'generate';
  summary: string;
}

/** The models a generation command offers, default first. */
export function modelsOf(spec: GenerationSpec): ModelId[] {
  return spec.kind ? modelsOfKind(spec.kind) : [...MODEL_IDS];
}
