// A text read from an input (a file, stdin, a chart's rendered output) with the name findings and errors give it.
export interface InputText { file: string; text: string }
