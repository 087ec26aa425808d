// The shell commands a reader of the Markdown files would type: every line of a fenced code block
// marked sh, bash, shell or console (continuation lines joined, comments and shown output dropped),
// and inline code spans in prose that start with a command (npm, node, a repository script, ...).
import { readFileSync } from 'node:fs';

export interface DocCommand {
  /** Repository-relative Markdown file. */
  file: string;
  /** 1-based line of the command's first line. */
  line: number;
  /** The command as written, continuation lines joined with a space. */
  text: string;
  where: 'block' | 'inline';
  /** Comment lines right below the command in its block (`# ...`, no blank line between): its output as shown. */
  shown: string[];
}

const SHELL_FENCES = new Set(['sh', 'bash', 'shell', 'console', 'shell-session']);
/** First words that make an inline code span a command. */
const COMMAND_WORDS = /^(?:[A-Z_][A-Z0-9_]*=\S*\s+)*(?:npm|npx|node|curl|docker|docker-compose|kubectl|promtool|amtool|bash|sh|openssl|jq|taskset|deploy\/\S+|\.\/\S+|scripts\/\S+)\s/;

/** Drops a trailing `# comment` outside quotes. */
export function stripComment(line: string): string {
  let quote = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === quote) quote = '';
      else if (c === '\\' && quote === '"') i++;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(line[i - 1]!))) return line.slice(0, i).trimEnd();
  }
  return line.trimEnd();
}

export function extractCommands(markdown: string, file: string): DocCommand[] {
  const commands: DocCommand[] = [];
  const lines = markdown.split('\n');
  let fence: { marker: string; shell: boolean } | null = null;
  let pending: { line: number; text: string } | null = null;
  let last: DocCommand | null = null;
  lines.forEach((raw, index) => {
    const fenceMatch = /^\s*(`{3,}|~{3,})\s*([\w-]*)/.exec(raw);
    if (fence) {
      if (fenceMatch && fenceMatch[1]!.startsWith(fence.marker) && raw.trim() === fenceMatch[1]) {
        fence = null;
        return;
      }
      if (!fence.shell) return;
      if (raw.trim() === '') last = null;
      else if (/^\s*#/.test(raw) && !pending) {
        last?.shown.push(raw.replace(/^\s*# ?/, ''));
        return;
      }
      const text = stripComment(raw.replace(/^\s*\$\s/, '')).trim();
      if (pending) {
        pending.text += ` ${text.replace(/\\$/, '').trim()}`;
        if (!text.endsWith('\\')) {
          last = { file, line: pending.line, text: pending.text.trim(), where: 'block', shown: [] };
          commands.push(last);
          pending = null;
        }
        return;
      }
      if (text === '') return;
      if (text.endsWith('\\')) pending = { line: index + 1, text: text.slice(0, -1).trim() };
      else {
        last = { file, line: index + 1, text, where: 'block', shown: [] };
        commands.push(last);
      }
      return;
    }
    if (fenceMatch) {
      fence = { marker: fenceMatch[1]!, shell: SHELL_FENCES.has(fenceMatch[2]!.toLowerCase()) };
      last = null;
      return;
    }
    for (const span of raw.matchAll(/(?<!`)`([^`]+)`(?!`)/g)) {
      const text = span[1]!.trim();
      if (COMMAND_WORDS.test(`${text} `) && /\s/.test(text)) commands.push({ file, line: index + 1, text, where: 'inline', shown: [] });
    }
  });
  return commands;
}

export function commandsOf(file: string, root: string): DocCommand[] {
  return extractCommands(readFileSync(`${root}/${file}`, 'utf8'), file);
}
