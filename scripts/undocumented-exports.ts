import ts from 'typescript';

/**
 * The exports of a package entry (`file`), and the public members of its exported classes and
 * interfaces, that carry no TSDoc comment. Packages' tests assert it is empty. Type-checking the
 * package takes seconds: give such a test a generous timeout.
 */
export function undocumentedExports(file: string): string[] {
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
  const documented = (node: ts.Node): boolean => ts.getJSDocCommentsAndTags(node).length > 0;
  const missing: string[] = [];
  for (const exported of checker.getExportsOfModule(module)) {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    for (const declaration of symbol.declarations ?? []) {
      if (!documented(declaration)) missing.push(exported.getName());
      if (!ts.isClassDeclaration(declaration) && !ts.isInterfaceDeclaration(declaration)) continue;
      for (const member of declaration.members) {
        if (member.name !== undefined && ts.isPrivateIdentifier(member.name)) continue;
        if (ts.getCombinedModifierFlags(member) & ts.ModifierFlags.Private) continue;
        if (!documented(member)) missing.push(`${exported.getName()}.${member.name?.getText() ?? 'constructor'}`);
      }
    }
  }
  return missing;
}
