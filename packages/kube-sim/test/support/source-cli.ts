import { mkdtemp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

/** A transpiled copy of `src/` that Node runs as is; `remove()` deletes it. */
export interface SourceBuild {
  /** Path of the transpiled `cli.js` (the `kube-sim` bin). */
  cliPath: string;
  remove(): Promise<void>;
}

async function sourceFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await sourceFiles(path)));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) out.push(path);
  }
  return out;
}

/**
 * Transpiles the current `src/` (type-stripping only, as the build would emit it) into a temporary
 * directory, so tests spawn the real `kube-sim` command from source without depending on `dist/`
 * being built or fresh.
 */
export async function transpileSource(): Promise<SourceBuild> {
  const out = await mkdtemp(join(tmpdir(), 'kube-sim-src-'));
  await writeFile(join(out, 'package.json'), '{"type":"module"}\n');
  for (const file of await sourceFiles(SRC)) {
    const { outputText } = ts.transpileModule(await readFile(file, 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true },
      fileName: file,
    });
    const target = join(out, relative(SRC, file)).replace(/\.ts$/, '.js');
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, outputText);
  }
  return { cliPath: join(out, 'cli.js'), remove: () => rm(out, { recursive: true, force: true }) };
}
