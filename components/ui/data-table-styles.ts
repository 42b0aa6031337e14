/** Cell classes shared by the table's header and rows. */
export const alignClass = { left: "text-left", right: "text-right", center: "text-center" };
export const hideClass = { md: "hidden md:table-cell", lg: "hidden lg:table-cell", xl: "hidden xl:table-cell" };
