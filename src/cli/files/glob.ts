export { glob, isDynamicPattern } from 'tinyglobby';
