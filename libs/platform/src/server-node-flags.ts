/**
 * Node flags of the long-running processes (API and worker), wherever they are started: by
 * `npm start`, by the Docker image (NODE_OPTIONS in docker/Dockerfile, which repeats this list)
 * and by the benchmarks that measure them.
 *
 * V8's young generation grows to 16 MB per semi-space by default and keeps that memory; at 2 MB
 * the API idles about 25 MB smaller and stays under 250 MB during an upload flood (issue 16,
 * `npm run bench:uploads`). Our requests allocate little per call, so the more frequent minor
 * collections cost little.
 */
export const SERVER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=2'];
