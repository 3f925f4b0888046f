// `mssql-doctor scan FILE...`: finds SQL Server connection errors in logs, groups them by signature and
// diagnoses each group once. Files are streamed line by line, so a log of any size is read in bounded memory.
import { statSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { userRulePaths } from '../config.js';
import { createDoctor } from '../doctor.js';
import { DoctorError } from '../errors.js';
import { formatScanMarkdown, formatScanText } from '../format/scan.js';
import { createEntrySplitter } from '../scan/log-entries.js';
import { readLogLines } from '../scan/read-log.js';
import { createScan } from '../scan/scan.js';
import { collect } from './input-options.js';
import { checkStdin, unreadableFile } from './read-input.js';

interface ScanOptions {
  json?: boolean;
  format: 'text' | 'json' | 'markdown';
  rules?: string[];
  config?: string;
}

/** Every file is checked before any is read: a typo in the last name should not cost a scan of the first. */
function checkFiles(files: readonly string[]): void {
  if (files.filter((file) => file === '-').length > 1) throw new DoctorError('MSSQLDOCTOR_ERR_USAGE', 'stdin ("-") can be named only once');
  for (const file of files) {
    if (file === '-') {
      checkStdin('no log on stdin: pipe one in, or name the files');
      continue;
    }
    let stats;
    try {
      stats = statSync(file);
    } catch (error) {
      throw unreadableFile(file, error);
    }
    if (!stats.isFile()) throw new DoctorError('MSSQLDOCTOR_ERR_INPUT_UNREADABLE', `cannot read ${file}: not a file`);
  }
}

async function runScan(named: string[], options: ScanOptions): Promise<void> {
  checkFiles(named);
  const scan = createScan(createDoctor({ rules: userRulePaths(options) }));
  // A file named twice (a glob and a name) is read once: counting its errors twice would mislead.
  for (const file of new Set(named)) {
    const name = file === '-' ? 'stdin' : file;
    const splitter = createEntrySplitter(name, scan.add);
    let reading;
    try {
      reading = await readLogLines(file === '-' ? process.stdin : file, splitter.push);
    } catch (error) {
      throw unreadableFile(name, error);
    }
    splitter.end();
    scan.fileRead(name, reading.lines, reading.warning);
  }
  const report = await scan.report();
  const format = options.json ? 'json' : options.format;
  process.stdout.write(format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : format === 'markdown' ? formatScanMarkdown(report) : formatScanText(report));
}

export function addScanCommand(program: Command): void {
  program
    .command('scan')
    .description('find SQL Server connection errors in log files, group them by signature and diagnose each group once')
    .argument('<files...>', 'log files (UTF-8 or UTF-16, such as the ERRORLOG); "-" reads stdin')
    .option('--json', 'print the report as JSON (same as --format json)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'markdown']).default('text'))
    .option('--rules <dir>', 'extra rule directory or file, loaded after the built-in rules; repeatable', collect)
    .option('--config <file>', 'config file (JSON or YAML) whose `rules` list is loaded first')
    .action(runScan);
}
