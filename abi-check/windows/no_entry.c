/* A DLL that exports a function but no seam_plugin_entry: the loader must call it "not a Seam
 * plugin", not crash. */
__declspec(dllexport) int not_a_seam_entry(void);
__declspec(dllexport) int not_a_seam_entry(void) {
  return 42;
}
