import react from '@vitejs/plugin-react'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

// The .NET build (src/Beacon.Server/Web.targets) passes the output folder in BEACON_WEB_OUTDIR;
// by default the app builds straight into the server's wwwroot, which serves it.
const outDir =
  process.env.BEACON_WEB_OUTDIR || fileURLToPath(new URL('../src/Beacon.Server/wwwroot', import.meta.url))

// `npm run dev` forwards API calls to a running Beacon.Server (BEACON_API_URL, default below).
const apiTarget = process.env.BEACON_API_URL || 'http://localhost:5080'

export default defineConfig({
  plugins: [react()],
  build: {
    outDir,
    // The folder sits outside web/, so Vite must be told it may empty it.
    emptyOutDir: true,
  },
  server: {
    proxy: { '/api': { target: apiTarget, changeOrigin: true, ws: true } },
  },
  preview: {
    proxy: { '/api': { target: apiTarget, changeOrigin: true } },
  },
  test: {
    // The tests compile against the API types generated from docs/api/openapi.json.
    globalSetup: ['./scripts/generate-api-types.mjs'],
    environment: 'node',
    include: ['src/**/*.test.{ts,tsx}'],
  },
})
