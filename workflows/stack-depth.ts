// How many frames the workflow sandbox records for a stack (V8's `Error.stackTraceLimit`, 10 by default).
// The SDK records the stack of every promise a workflow creates, for the Stack Trace query (the Temporal UI's
// "Stack Trace" tab), and formats and source-maps it frame by frame: at ten frames that was an eighth of an
// order's lifecycle (npm run bench -- --against, docs/performance.md). Three frames still name the
// line each wait is on and its caller there, and a failure's stack the line that threw and the two above it.
// The worker preloads this module (scripts/bundle-workflows.ts): it runs once, before the SDK freezes the
// sandbox's globals, so it holds for every order the worker runs and cannot be changed by one.
(Error as ErrorConstructor & { stackTraceLimit: number }).stackTraceLimit = 3;

export {};
