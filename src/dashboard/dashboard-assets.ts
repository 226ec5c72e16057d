import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';

/** One file of the page, held in memory: the whole dashboard is a few hundred kilobytes. */
export interface DashboardFile {
  readonly body: Buffer;
  readonly contentType: string;
  readonly etag: string;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/**
 * tsc copies no non-TS files into dist/: under ts-jest the files sit beside this module,
 * and the compiled service (dist/src/dashboard) reads them from the project's src/.
 */
export function assetsDirectory(): string {
  const beside = join(__dirname, 'assets');
  if (existsSync(beside)) return beside;
  return resolve(__dirname, '../../..', 'src/dashboard/assets');
}

/** Chart.js ships a browser build in its package; it is served from there, never a CDN. */
export function chartJsPath(): string {
  return join(dirname(require.resolve('chart.js')), 'chart.umd.js');
}

function load(path: string): DashboardFile {
  const body = readFileSync(path);
  const contentType = CONTENT_TYPES[extname(path)] ?? 'application/octet-stream';
  return {
    body,
    contentType,
    etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
  };
}

/** The dashboard's files by name: only these are ever served, so no path reaches the disk. */
@Injectable()
export class DashboardAssets {
  private readonly files = new Map<string, DashboardFile>();
  readonly chartJs: DashboardFile;

  constructor() {
    const directory = assetsDirectory();
    if (!existsSync(directory)) {
      throw new Error(
        `the dashboard's files are missing from ${directory}: ship src/dashboard/assets with the service`,
      );
    }
    for (const name of readdirSync(directory)) {
      if (CONTENT_TYPES[extname(name)]) this.files.set(name, load(join(directory, name)));
    }
    this.chartJs = load(chartJsPath());
  }

  get(name: string): DashboardFile | undefined {
    return this.files.get(name);
  }
}
