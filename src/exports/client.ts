// The `entraide/client` entry: the admin panel's client components, referenced
// in the config as `entraide/client#Name` and resolved through the host's import map.
export { ReindexButton } from '../admin/ReindexButton.tsx'
