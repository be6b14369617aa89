// Prettier for the whole tree (what it skips: .prettierignore and .gitignore). The templates inside
// lit's html`` and css`` are left as written (embeddedLanguageFormatting 'off'): reflowing an html``
// template moves whitespace between inline elements, which changes what a board shows.
export default {
  printWidth: 160,
  singleQuote: true,
  trailingComma: 'all',
  embeddedLanguageFormatting: 'off',
  // YAML keeps the double quotes compose files are usually written with.
  overrides: [{ files: '*.yaml', options: { singleQuote: false } }],
};
