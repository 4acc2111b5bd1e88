# Installing and packaging: `cmake --install` lays out what a desktop expects, and
# `cpack -G DEB` (in the build folder) makes a Debian package of it (scripts/package.sh).
include(GNUInstallDirs)

set(ATTN_APP_ID io.github.attentionlab.AttentionLab)
set(desktop ${PROJECT_SOURCE_DIR}/resources/desktop)
install(TARGETS attentionlab RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES ${desktop}/${ATTN_APP_ID}.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES ${desktop}/${ATTN_APP_ID}.metainfo.xml DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
install(FILES ${desktop}/${ATTN_APP_ID}.svg DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
# Session files (*.attnlab.json) open with the app from a file manager.
install(FILES ${desktop}/${ATTN_APP_ID}.mime.xml DESTINATION ${CMAKE_INSTALL_DATADIR}/mime/packages
        RENAME ${ATTN_APP_ID}.xml)
# The licence, as Debian packages state it (machine-readable copyright file).
install(FILES ${desktop}/copyright DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/attentionlab)
# The lessons, presets, trained models and translations are compiled into the binary.

set(CPACK_PACKAGE_NAME attentionlab)
set(CPACK_PACKAGE_VENDOR "Attention Lab")
set(CPACK_RESOURCE_FILE_LICENSE ${PROJECT_SOURCE_DIR}/LICENSE)
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Transformer attention, computed step by step, with every number explained")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "Attention Lab developers <attentionlab@users.noreply.github.com>")
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_PACKAGE_DESCRIPTION
    "Attention Lab computes encoder, decoder and encoder-decoder Transformers in front of the learner and shows every intermediate as a heatmap, each cell explained with its numbers. It trains small models, ships trained ones and exports figures (PNG, SVG, PDF) and data (CSV, NumPy, JSON). English and Simplified Chinese.")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)  # Qt, QCustomPlot, OpenMP… from the binary's own links
# The faces figures use, and Qt's own Chinese (dialog buttons).
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "fonts-noto-cjk, fonts-dejavu-core, qt6-translations-l10n")
set(CPACK_GENERATOR DEB)
include(CPack)
