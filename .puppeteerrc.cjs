// Use Debian's chromium instead of downloading a browser (the network reaches only the registries).
module.exports = {
  skipDownload: true,
  executablePath: process.env.PUPPETEER_EXECUTABLE_PATH || '/usr/bin/chromium',
};
