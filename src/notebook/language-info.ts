// The language_info a tsnb notebook carries (nbformat 4 `metadata.language_info`), the same in
// the kernel's kernel_info_reply and in notebooks the runner writes. codemirror_mode is the
// plain name "typescript": JupyterLab 4's CodeMirror 6 language registry matches a mode by name
// and would read {name: "javascript", typescript: true} as JavaScript; CodeMirror 5, VS Code
// (which reads `name`) and nbconvert (which reads `pygments_lexer`) accept the string too.
export function languageInfo(typescriptVersion: string) {
  return {
    name: "typescript",
    version: typescriptVersion,
    mimetype: "text/typescript",
    file_extension: ".ts",
    pygments_lexer: "typescript",
    codemirror_mode: "typescript",
    nbconvert_exporter: "script",
  };
}
