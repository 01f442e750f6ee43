export { default } from '../../web-test-runner.shared.js';
