// A tiny static file server for the browser tests: serves one folder on 127.0.0.1 at a
// free port, under a sub-path (the site must work from any sub-path, not just "/").
import { createServer, type Server } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, sep } from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".woff2": "font/woff2",
  ".woff": "font/woff",
  ".ipynb": "application/x-ipynb+json",
};

export interface StaticServer {
  /** Base URL ending in "/", e.g. http://127.0.0.1:40123/reports/ */
  url: string;
  origin: string;
  close(): Promise<void>;
}

export async function serveFolder(root: string, subPath = "/reports/"): Promise<StaticServer> {
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (!url.pathname.startsWith(subPath)) {
      res.writeHead(404).end("outside the site");
      return;
    }
    let file = normalize(join(root, decodeURIComponent(url.pathname.slice(subPath.length))));
    if (!file.startsWith(normalize(root + sep)) && file !== normalize(root)) {
      res.writeHead(403).end();
      return;
    }
    try {
      if ((await stat(file)).isDirectory()) file = join(file, "index.html");
      const body = await readFile(file);
      res
        .writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" })
        .end(body);
    } catch {
      res.writeHead(404).end("not found");
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (typeof address !== "object" || address === null) throw new Error("static server: no address");
  const origin = `http://127.0.0.1:${address.port}`;
  return {
    url: `${origin}${subPath}`,
    origin,
    close: () =>
      new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      ),
  };
}
