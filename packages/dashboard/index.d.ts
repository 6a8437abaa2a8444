/** The folder holding the built dashboard (`index.html` and `assets/`); absent until `npm run build`. */
export declare const dashboardDir: string;
