import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const entry = fileURLToPath(new URL('../src/index.ts', import.meta.url));

function hasDoc(node: ts.Node): boolean {
  return ts.getJSDocCommentsAndTags(node).length > 0;
}

/** Every export of `file` and every public member of an exported class or interface without TSDoc. */
function undocumented(file: string): string[] {
  const program = ts.createProgram([file], {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    strict: true,
    skipLibCheck: true,
    noEmit: true,
  });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file);
  const module = source === undefined ? undefined : checker.getSymbolAtLocation(source);
  if (module === undefined) throw new Error(`cannot read the exports of ${file}`);
  const missing: string[] = [];
  for (const exported of checker.getExportsOfModule(module)) {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    for (const declaration of symbol.declarations ?? []) {
      if (!hasDoc(declaration)) missing.push(exported.getName());
      if (!ts.isClassDeclaration(declaration) && !ts.isInterfaceDeclaration(declaration)) continue;
      for (const member of declaration.members) {
        if (member.name !== undefined && ts.isPrivateIdentifier(member.name)) continue;
        if (ts.getCombinedModifierFlags(member) & ts.ModifierFlags.Private) continue;
        if (!hasDoc(member)) missing.push(`${exported.getName()}.${member.name?.getText() ?? 'constructor'}`);
      }
    }
  }
  return missing;
}

describe('public API documentation', () => {
  it('has TSDoc on every export of @drmaa2/core and every public member of its classes and interfaces', () => {
    expect(undocumented(entry)).toEqual([]);
  });
});
