// The home page is a server component (prerendered by `next build`) that renders the client
// component; the SDK is imported by the client component only.
import { ClientScenario } from "./client-scenario";

export default function Home() {
  return <ClientScenario />;
}
