import type { ReactNode } from "react";

// No favicon request (Chromium would log its 404).
export const metadata = { title: "adultwork-sdk: Next.js App Router", icons: { icon: "data:," } };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
