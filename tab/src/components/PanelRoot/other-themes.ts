/** @module The dark and high-contrast themes: a lazy chunk (see themes.ts). */
export { teamsDarkTheme, teamsHighContrastTheme } from "@fluentui/react-components";
