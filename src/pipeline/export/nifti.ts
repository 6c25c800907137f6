// NIfTI through dcm2niix (Debian package): one series folder in, .nii.gz files and their JSON sidecars
// out, named by the caller (the project's layout or a BIDS name). What dcm2niix cannot convert is reported
// with its own message, so the export keeps that series as DICOM and says why.
import { execFile } from 'node:child_process';
import { mkdir, readdir } from 'node:fs/promises';

export interface NiftiResult {
  /** Files written (NIfTI, sidecars, bval/bvec), as names inside outDir. */
  files: string[];
  /** Why nothing usable came out (dcm2niix's own words), when that is so. */
  error?: string;
}

export function runDcm2niix(seriesDir: string, outDir: string, name: string, signal?: AbortSignal): Promise<NiftiResult> {
  return mkdir(outDir, { recursive: true }).then(
    () =>
      new Promise<NiftiResult>((resolve) => {
        // -z y: gzip; -b y: JSON sidecar; -ba y: anonymised sidecar; -f: output name; -w 2: a numbered suffix on a name clash.
        execFile('dcm2niix', ['-z', 'y', '-b', 'y', '-ba', 'y', '-w', '2', '-f', name, '-o', outDir, seriesDir], { timeout: 600_000, maxBuffer: 4 << 20, signal }, (err, stdout, stderr) => {
          void readdir(outDir).then((files) => {
            const nifti = files.filter((f) => f.endsWith('.nii.gz') || f.endsWith('.nii'));
            if (nifti.length > 0 && !err) return resolve({ files: files.sort() });
            const said = `${stdout}\n${stderr}`.split('\n').filter((l) => /error|warning|unsupported|not|cannot|unable/i.test(l)).join(' ').trim();
            resolve({ files: [], error: said || (err ? err.message : 'dcm2niix wrote no NIfTI file') });
          }, (readErr: Error) => resolve({ files: [], error: readErr.message }));
        });
      }),
  );
}
