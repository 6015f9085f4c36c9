// The `entraide/instrumentation` entry: what a site's `instrumentation.ts`
// may call when the server starts, before Payload does. It loads Node's
// built-ins only, nothing of Payload's.
export { readSearchIndexEarly } from '../search/earlyRead.ts'
