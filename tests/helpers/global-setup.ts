// Global test setup (none needed yet).
export default function setup(): void {}
