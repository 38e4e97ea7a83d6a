/**
 * Node flags of the long-running processes (API and worker), wherever they are started: by
 * `npm start`, by the Docker image (NODE_OPTIONS in docker/Dockerfile, which repeats this list)
 * and by the benchmarks that measure them.
 *
 * V8's young generation grows to 16 MB per semi-space by default and keeps that memory; at 2 MB
 * the API idles about 25 MB smaller and stays under 250 MB during an upload flood (issue 16,
 * `npm run bench:uploads`). Our requests allocate little per call, so the more frequent minor
 * collections cost little.
 *
 * `--optimize-for-size` makes V8 grow the old generation in smaller steps and collect it sooner.
 * Without it, the API under sustained load let garbage pile up in the old generation to 230 MB
 * of heap before a full collection (330 MB RSS, issue 18); with it the API stays near 150 MB at
 * the same throughput (`npm run bench`, row "API RSS"). Node refuses this flag in NODE_OPTIONS,
 * so the Docker image passes it on the command line.
 */
export const SERVER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=2', '--optimize-for-size'];
