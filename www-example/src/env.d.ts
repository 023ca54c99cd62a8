/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Base URL of the API to call by default, e.g. the local emulator (`http://127.0.0.1:PORT`). */
  readonly VITE_ADULTWORK_BASE_URL?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
