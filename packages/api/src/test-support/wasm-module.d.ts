// A .wasm import in a Worker bundle is a compiled module (wrangler's CompiledWasm rule, workerd's `wasm` modules).
declare module '*.wasm' {
  const module: WebAssembly.Module;
  export default module;
}
