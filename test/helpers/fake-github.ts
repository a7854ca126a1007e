/**
 * A loopback stand-in for the parts of GitHub the Action talks to, for end-to-end tests of the bundled
 * action: the issue-comment REST endpoints (paginated with Link headers), GraphQL `viewer`, a pull request's
 * reviews and collaborators' permission levels (the policy approval), and the artifact service (Twirp CreateArtifact / FinalizeArtifact, and the block-blob upload in between). It records what it
 * received, so tests can verify the uploaded bytes.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeComment {
  id: number;
  user: { login: string };
  body: string;
}

export interface FakeReview {
  user: { login: string };
  state: "APPROVED" | "CHANGES_REQUESTED" | "COMMENTED" | "DISMISSED";
  commit_id: string;
}

export interface FakeGitHub {
  readonly url: string;
  readonly comments: FakeComment[];
  /** Uploaded artifacts by name: the bytes the blob store received. */
  readonly artifacts: Map<string, Buffer>;
  readonly requests: string[];
  /** Answer every comment request with 403, as GitHub does for a read-only token. */
  forbidComments: boolean;
  /** A pull request's reviews, oldest first (any pull request number). */
  readonly reviews: FakeReview[];
  /** Collaborators' permission levels (`admin`, `write`, `read`, or a role name such as `maintain`); others 404. */
  readonly permissions: Map<string, string>;
  /** Answer review and permission requests with 403, as GitHub does for a fork's token. */
  forbidReviews: boolean;
  close(): Promise<void>;
}

const OWN_LOGIN = "github-actions[bot]";

function body(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks)));
    request.on("error", reject);
  });
}

function json(response: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { "content-type": "application/json", ...headers });
  response.end(JSON.stringify(value));
}

export async function startFakeGitHub(options: {
  otherComments: number;
  ownMarkerComments?: readonly string[];
}): Promise<FakeGitHub> {
  let nextId = 1000;
  const comments: FakeComment[] = [];
  // Other people's comments, some with a look-alike marker: only the token's own may be updated.
  for (let i = 0; i < options.otherComments; i++) {
    comments.push({
      id: nextId++,
      user: { login: i % 3 === 0 ? "mallory" : "octocat" },
      body: i === 7 ? "<!-- comply-gate:v1 key=CI/gate -->\nforged by someone else" : `comment ${i}`,
    });
  }
  // The token's own earlier comments with the marker (racing runs can leave more than one).
  for (const marker of options.ownMarkerComments ?? []) {
    comments.push({ id: nextId++, user: { login: OWN_LOGIN }, body: `${marker}\nan earlier run` });
  }
  const artifacts = new Map<string, Buffer>();
  const blocks = new Map<string, Buffer>();
  const uploads = new Map<string, Buffer>(); // blob path → committed bytes
  const requests: string[] = [];
  const state = { forbidComments: false, forbidReviews: false };
  const reviews: FakeReview[] = [];
  const permissions = new Map<string, string>();

  const server: Server = createServer(async (request, response) => {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    const payload = await body(request);
    requests.push(`${request.method} ${url.pathname}`);
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    if (url.pathname === "/graphql") return json(response, 200, { data: { viewer: { login: "github-actions" } } });

    const reviewList = /^\/repos\/[^/]+\/[^/]+\/pulls\/\d+\/reviews$/.test(url.pathname);
    const permission = /^\/repos\/[^/]+\/[^/]+\/collaborators\/([^/]+)\/permission$/.exec(url.pathname);
    if ((reviewList || permission) && state.forbidReviews) {
      return json(response, 403, { message: "Resource not accessible by integration" });
    }
    if (reviewList && request.method === "GET") {
      const page = Number(url.searchParams.get("page") ?? "1");
      const perPage = Number(url.searchParams.get("per_page") ?? "30");
      return json(response, 200, reviews.slice((page - 1) * perPage, page * perPage));
    }
    if (permission && request.method === "GET") {
      const login = decodeURIComponent(permission[1] ?? "");
      const level = permissions.get(login);
      if (level === undefined) return json(response, 404, { message: "Not Found" });
      // GitHub's legacy `permission` says write for maintain and read for triage; `role_name` says the role.
      const legacy = level === "maintain" ? "write" : level === "triage" ? "read" : level;
      return json(response, 200, { permission: legacy, role_name: level, user: { login } });
    }

    const list = /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/.exec(url.pathname);
    const one = /^\/repos\/([^/]+)\/([^/]+)\/issues\/comments\/(\d+)$/.exec(url.pathname);
    if ((list || one) && state.forbidComments) {
      return json(response, 403, { message: "Resource not accessible by integration" });
    }
    if (list && request.method === "GET") {
      const page = Number(url.searchParams.get("page") ?? "1");
      const perPage = Number(url.searchParams.get("per_page") ?? "30");
      const slice = comments.slice((page - 1) * perPage, page * perPage);
      const last = Math.max(1, Math.ceil(comments.length / perPage));
      const link =
        page < last ? { link: `<${base}${url.pathname}?per_page=${perPage}&page=${page + 1}>; rel="next"` } : {};
      return json(response, 200, slice, link);
    }
    if (list && request.method === "POST") {
      const created = { id: nextId++, user: { login: OWN_LOGIN }, body: JSON.parse(payload.toString()).body as string };
      comments.push(created);
      return json(response, 201, created);
    }
    if (one) {
      const comment = comments.find((c) => c.id === Number(one[3]));
      if (!comment) return json(response, 404, { message: "Not Found" });
      if (request.method === "PATCH") {
        comment.body = JSON.parse(payload.toString()).body as string;
        return json(response, 200, comment);
      }
      if (request.method === "DELETE") {
        comments.splice(comments.indexOf(comment), 1);
        response.writeHead(204).end();
        return;
      }
    }

    const twirp = /\/twirp\/github\.actions\.results\.api\.v1\.ArtifactService\/(\w+)$/.exec(url.pathname);
    if (twirp?.[1] === "CreateArtifact") {
      const name = JSON.parse(payload.toString()).name as string;
      return json(response, 200, {
        ok: true,
        signedUploadUrl: `${base}/blob/account/container/${encodeURIComponent(name)}?sig=test`,
      });
    }
    if (twirp?.[1] === "FinalizeArtifact") {
      const name = JSON.parse(payload.toString()).name as string;
      artifacts.set(name, uploads.get(`/blob/account/container/${encodeURIComponent(name)}`) ?? Buffer.alloc(0));
      return json(response, 200, { ok: true, artifactId: "4242" });
    }
    if (url.pathname.startsWith("/blob/") && request.method === "PUT") {
      const comp = url.searchParams.get("comp");
      if (comp === "block") blocks.set(`${url.pathname}#${url.searchParams.get("blockid")}`, payload);
      else if (comp === "blocklist") {
        const ids = [...payload.toString().matchAll(/<(?:Latest|Uncommitted|Committed)>([^<]+)</g)].map((m) => m[1]);
        uploads.set(
          url.pathname,
          Buffer.concat(ids.map((id) => blocks.get(`${url.pathname}#${id}`) ?? Buffer.alloc(0))),
        );
      } else uploads.set(url.pathname, payload);
      response.writeHead(201, { etag: '"0x1"', "last-modified": new Date(0).toUTCString(), "x-ms-request-id": "1" });
      response.end();
      return;
    }
    json(response, 404, { message: `not emulated: ${request.method} ${url.pathname}` });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const fake: FakeGitHub = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    comments,
    artifacts,
    requests,
    reviews,
    permissions,
    get forbidReviews() {
      return state.forbidReviews;
    },
    set forbidReviews(value: boolean) {
      state.forbidReviews = value;
    },
    get forbidComments() {
      return state.forbidComments;
    },
    set forbidComments(value: boolean) {
      state.forbidComments = value;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  return fake;
}
