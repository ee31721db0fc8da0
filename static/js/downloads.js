// The Download menu: its "Anonymised" switch adds `anonymous=1` to every export link.

/** Make each Download menu under `root` follow its switch. */
export function setUpDownloads(root = document) {
  for (const menu of root.querySelectorAll("[data-downloads]")) {
    const toggle = menu.querySelector("[data-anonymous]");
    const links = [...menu.querySelectorAll("a[data-format]")];
    const apply = () => {
      for (const link of links) {
        const url = new URL(link.getAttribute("href"), window.location.href);
        if (toggle.checked) url.searchParams.set("anonymous", "1");
        else url.searchParams.delete("anonymous");
        link.setAttribute("href", url.pathname + url.search);
      }
    };
    toggle.addEventListener("change", apply);
    apply();
    // Escape closes the menu and gives focus back to its button.
    menu.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && menu.open) {
        menu.open = false;
        menu.querySelector("summary").focus();
      }
    });
  }
}
