// The OCR port on Tesseract compiled to WebAssembly (npm tesseract.js-core) with the English model that
// npm @tesseract.js-data/eng ships: nothing is downloaded at run time. It runs in the calling thread and
// stays loaded: the pixel stage already runs on a worker thread of the preparation pool, so each pool
// thread loads one engine once (~1.5 s) and a candidate line then costs tens of milliseconds, where
// Debian's CLI pays a process start and a model load (~1.2 s) for every instance that has a candidate.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { Gray } from './display.js';
import type { OcrEngine, OcrWord } from './ocr.js';
import { parseTsv, pgm } from './tesseract.js';

const require = createRequire(import.meta.url);

/** The few calls of the emscripten TessBaseAPI binding this port uses. */
interface TessApi {
  Init(dataPath: string, language: string, oem: number): number;
  SetVariable(name: string, value: string): boolean;
  SetPageSegMode(mode: number): void;
  SetImageFile(exif: number, angle: number): void;
  SetSourceResolution(ppi: number): void;
  Recognize(monitor: null): number;
  GetTSVText(page: number): string;
  Clear(): void;
}

interface TessCore {
  FS: { writeFile(path: string, data: Uint8Array): void };
  TessBaseAPI: new () => TessApi;
}

/** LSTM only (OEM 1): the model the package ships is the integer "best" LSTM network. */
const OEM_LSTM_ONLY = 1;

async function load(): Promise<{ core: TessCore; api: TessApi }> {
  // The SIMD build: Node 20's V8 has WebAssembly SIMD; LSTM-only, the smaller of the builds.
  const factory = require('tesseract.js-core/tesseract-core-simd-lstm.js') as (o: object) => Promise<TessCore>;
  const core = await factory({ print: () => {}, printErr: () => {} });
  core.FS.writeFile('/eng.traineddata', gunzipSync(readFileSync(require.resolve('@tesseract.js-data/eng/4.0.0_best_int/eng.traineddata.gz'))));
  const api = new core.TessBaseAPI();
  if (api.Init('/', 'eng', OEM_LSTM_ONLY) !== 0) throw new Error('tesseract (WebAssembly) could not load its English model');
  api.SetVariable('debug_file', '/dev/null');
  return { core, api };
}

export class TesseractWasm implements OcrEngine {
  private engine?: Promise<{ core: TessCore; api: TessApi }>;

  /** Page segmentation 6 (one uniform block of text) suits a cropped line or two; 11 (sparse) whole frames. */
  constructor(private readonly psm = 6) {}

  async read(images: Gray[]): Promise<OcrWord[][]> {
    if (images.length === 0) return [];
    this.engine ??= load();
    const { core, api } = await this.engine;
    return images.map((image) => {
      core.FS.writeFile('/input', pgm(image));
      api.SetPageSegMode(image.width * image.height > 250_000 ? 11 : this.psm);
      api.SetImageFile(1, 0);
      // Crops are enlarged to glyphs of ~40 px; without a resolution tesseract warns and guesses one.
      api.SetSourceResolution(300);
      api.Recognize(null);
      const words = parseTsv(api.GetTSVText(0)).map(({ page: _page, ...word }) => word);
      api.Clear();
      return words;
    });
  }
}
